package com.orbiqhq.drafts.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The tokens this execution environment has already verified, so that a client's next requests with the same
 * token skip the signature check: an ES256 verification is most of a warm request's CPU time, and clients send one
 * token for many requests.
 *
 * <p>What makes this safe: only tokens that passed every check are remembered, keyed by the whole compact token
 * (header, payload and signature), so a token that differs in any character is verified in full. An entry is
 * honoured until the token expires, with the same clock skew as the full check, and for at most {@code maxAgeMillis}
 * after its verification (measured on a monotonic clock, so a step of the wall clock cannot stretch it), so a key
 * withdrawn from the JWKS stops being accepted at most that much later than it would be without this cache.
 * Refusals are never remembered, and the number of entries is bounded (least recently used goes first), so no
 * caller can grow it.
 *
 * <p>Thread-safe.
 */
final class VerifiedTokens {
    private final int capacity;
    private final long maxAgeNanos;
    private final LongSupplier monotonicNanos;
    private final Map<String, Verified> entries;

    VerifiedTokens(int capacity, long maxAgeMillis, LongSupplier monotonicNanos) {
        this.capacity = capacity;
        this.maxAgeNanos = maxAgeMillis * 1_000_000;
        this.monotonicNanos = monotonicNanos;
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Verified> eldest) {
                return size() > VerifiedTokens.this.capacity;
            }
        };
    }

    /** The caller of a token verified earlier and still valid at {@code nowMillis}, or {@code null}. */
    synchronized Caller find(String token, long nowMillis) {
        Verified entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        boolean tooOld = monotonicNanos.getAsLong() - entry.verifiedAtNanos >= maxAgeNanos;
        if (nowMillis >= entry.acceptedUntilMillis || tooOld) {
            entries.remove(token);
            return null;
        }
        return entry.caller;
    }

    /**
     * Remembers a token that has just passed every check.
     *
     * @param acceptedUntilMillis when the full check would start refusing it (its expiry plus the allowed skew)
     */
    synchronized void remember(String token, Caller caller, long acceptedUntilMillis, long nowMillis) {
        if (acceptedUntilMillis > nowMillis) {
            entries.put(token, new Verified(caller, acceptedUntilMillis, monotonicNanos.getAsLong()));
        }
    }

    synchronized int size() {
        return entries.size();
    }

    private record Verified(Caller caller, long acceptedUntilMillis, long verifiedAtNanos) {
    }
}
