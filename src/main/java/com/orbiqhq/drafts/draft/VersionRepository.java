package com.orbiqhq.drafts.draft;

import java.util.Optional;

/**
 * Storage of documents, versions and idempotency records. Every method addresses one tenant's document, so a
 * caller can only ever reach its own tenant's items.
 *
 * <p>Implementations translate a throttled, slow or unreachable database into
 * {@link com.orbiqhq.drafts.error.ServiceException#unavailable}, and never retry past the deadline.
 */
public interface VersionRepository {
    /** Reads the document (strongly consistent). */
    Optional<DocumentState> findDocument(DocumentRef document, Deadline deadline);

    /** Reads one version of the document (strongly consistent). */
    Optional<SourceVersion> findVersion(DocumentRef document, String versionId, Deadline deadline);

    /** Reads the document and one of its versions together (strongly consistent), in one round trip. */
    DocumentAndVersion findDocumentAndVersion(DocumentRef document, String versionId, Deadline deadline);

    /** Claims an idempotency key for this request, or reports who holds or used it. */
    IdempotencyClaim claimIdempotencyKey(DocumentRef document, IdempotencyLock lock, Deadline deadline);

    /** Reads an idempotency record as it stands, or nothing when the key is free. */
    Optional<IdempotencyClaim.Existing> findIdempotencyRecord(DocumentRef document, String keyHash, Deadline deadline);

    /** Gives up a claim this request holds (after a failure), so that a retry need not wait for it to lapse. */
    void releaseIdempotencyKey(DocumentRef document, IdempotencyLock lock, Deadline deadline);

    /**
     * Creates the draft in one transaction: advances the document's draft stamp, checks the source is
     * unchanged, writes the copy, and completes the idempotency claim. All of it happens, or none of it.
     *
     * @throws DraftWriteConflict when something read earlier changed; nothing was written
     */
    void insertDraft(DraftWrite write, Deadline deadline) throws DraftWriteConflict;
}
