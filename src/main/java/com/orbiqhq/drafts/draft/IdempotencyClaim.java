package com.orbiqhq.drafts.draft;

/** The answer to an attempt to claim an idempotency key. */
public sealed interface IdempotencyClaim {
    /** The key was free (or its earlier claim had lapsed): this request now holds it. */
    record Claimed() implements IdempotencyClaim {
    }

    /**
     * Another request holds or has used the key.
     *
     * @param requestFingerprint what that request asked for
     * @param completed the draft it created, or {@code null} while it is still in flight
     */
    record Existing(String requestFingerprint, Draft completed) implements IdempotencyClaim {
    }
}
