package com.orbiqhq.drafts.draft;

/**
 * The draft transaction was refused, because something it relied on changed since it was read or because DynamoDB
 * throttled it. Nothing was written; the caller re-reads and decides.
 */
public final class DraftWriteConflict extends Exception {
    /** What changed, by the position of the refused part of the transaction. */
    public enum Reason {
        /** The document vanished, its promoted version changed, or another draft took the next key. */
        DOCUMENT_CHANGED,
        /** The source version vanished or was revised. */
        SOURCE_CHANGED,
        /** The new version's id was taken (a random id collided). */
        VERSION_ID_TAKEN,
        /** The idempotency claim lapsed and another request took it over. */
        IDEMPOTENCY_CLAIM_LOST,
        /** A concurrent transaction touched the same items; nothing changed that matters, try again. */
        CONTENTION,
        /** DynamoDB throttled the transaction (the table's or the account's capacity); try again more slowly. */
        THROTTLED
    }

    private final Reason reason;

    public DraftWriteConflict(Reason reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
