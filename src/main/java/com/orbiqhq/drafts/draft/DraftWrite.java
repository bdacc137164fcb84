package com.orbiqhq.drafts.draft;

/**
 * Everything the one transaction that creates a draft needs, with what was read to plan it, so that the
 * transaction can refuse if any of it changed in between.
 *
 * @param document the tenant's document
 * @param documentState the document as read
 * @param source the version to copy, as read
 * @param sourceMustBePromoted whether the source was chosen as the promoted version (and must still be)
 * @param draft the draft to create
 * @param keyMillis the stamp in the draft's key; becomes the document's last draft stamp
 * @param createdBy who asked
 * @param lock the idempotency claim to complete, or {@code null}
 */
public record DraftWrite(
        DocumentRef document,
        DocumentState documentState,
        SourceVersion source,
        boolean sourceMustBePromoted,
        Draft draft,
        long keyMillis,
        String createdBy,
        IdempotencyLock lock) {
}
