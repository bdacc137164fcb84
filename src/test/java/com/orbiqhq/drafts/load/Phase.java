package com.orbiqhq.drafts.load;

/**
 * One burst of the load test: {@code creates} create requests spread round-robin over {@code documents} fresh
 * documents, at most {@code concurrency} HTTP requests in flight, all released at the same moment.
 */
public record Phase(String name, int documents, int creates, int concurrency) {
    public Phase {
        if (documents < 1 || creates < 1 || concurrency < 1) {
            throw new IllegalArgumentException("a phase needs at least one document, create and request in flight");
        }
    }

    /** Reads {@code name:documents:creates:concurrency}, the form scripts/load passes. */
    public static Phase parse(String text) {
        String[] parts = text.split(":");
        if (parts.length != 4) {
            throw new IllegalArgumentException("expected name:documents:creates:concurrency, got " + text);
        }
        return new Phase(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
                Integer.parseInt(parts[3]));
    }
}
