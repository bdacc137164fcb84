package com.orbiqhq.drafts.draft;

import java.time.Duration;

/**
 * The time an invocation has left to finish its work, so that retries and database calls stop early enough
 * for the function to answer before Lambda (or API Gateway) gives up on it.
 */
public final class Deadline {
    private final long endNanos;

    private Deadline(long endNanos) {
        this.endNanos = endNanos;
    }

    public static Deadline after(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos());
    }

    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }

    public boolean hasAtLeast(Duration needed) {
        return remaining().compareTo(needed) >= 0;
    }
}
