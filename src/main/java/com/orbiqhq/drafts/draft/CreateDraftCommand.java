package com.orbiqhq.drafts.draft;

/**
 * A validated request to create a draft, from either entry point.
 *
 * @param document the tenant's document
 * @param sourceVersionId the version to copy, or {@code null} for the promoted one
 * @param name the draft's name, or {@code null}
 * @param createdBy who asks: a token's subject or a schedule's name
 * @param idempotencyKey the key that makes repeats return the same draft, or {@code null}
 */
public record CreateDraftCommand(
        DocumentRef document,
        String sourceVersionId,
        String name,
        String createdBy,
        IdempotencyKey idempotencyKey) {

    /** Whether the promoted version is the source. */
    public boolean copiesPromotedVersion() {
        return sourceVersionId == null;
    }

    /**
     * A fingerprint of what the request asks for, so that a reused idempotency key with another request can be
     * told apart from a genuine repeat. Absent and {@code current} sources, like absent and null names, are the
     * same request.
     */
    public String fingerprint() {
        String source = sourceVersionId == null ? "current" : sourceVersionId;
        String named = name == null ? "-" : "+" + name;
        return IdempotencyKey.sha256Hex("v1\n" + document.documentId() + "\n" + source + "\n" + named);
    }
}
