package com.orbiqhq.drafts.draft;

/** A document as seen by one tenant: the tenant is part of every lookup, so it cannot be left out by mistake. */
public record DocumentRef(String tenantId, String documentId) {
}
