package com.orbiqhq.drafts.draft;

/**
 * The claim one request holds on an idempotency key while it creates the draft.
 *
 * @param keyHash the key's SHA-256
 * @param requestFingerprint what the request asked for ({@link CreateDraftCommand#fingerprint()})
 * @param token a random value that tells this holder apart from a later one that took over an expired claim
 * @param lockedUntilMillis when the claim lapses if the holder never completes (epoch milliseconds)
 * @param expiresAtSeconds when the record may be forgotten: the table's TTL (epoch seconds)
 */
public record IdempotencyLock(
        String keyHash,
        String requestFingerprint,
        String token,
        long lockedUntilMillis,
        long expiresAtSeconds) {
}
