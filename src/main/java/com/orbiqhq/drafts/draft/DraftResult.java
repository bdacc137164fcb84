package com.orbiqhq.drafts.draft;

/**
 * The outcome of a create request.
 *
 * @param draft the draft
 * @param replayed {@code true} when an earlier request with the same idempotency key created it
 */
public record DraftResult(Draft draft, boolean replayed) {
}
