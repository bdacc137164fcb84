package com.orbiqhq.drafts.load;

import com.orbiqhq.drafts.testing.Documents;

/**
 * One create the driver means to make: the document, the body, and, for an idempotent one, its key and how many
 * identical copies of the request go out at once (all of them must end with the same draft).
 *
 * @param name the draft's name, unique in the run, so a stored draft can be traced to its request
 * @param idempotencyKey the {@code Idempotency-Key} header, or {@code null} for none
 * @param copies how many times the same request is sent concurrently (1 without a key)
 */
record PlannedCreate(Documents.Seeded document, String name, String body, String idempotencyKey, int copies) {
    private static final int KEYED_EVERY = 4;
    private static final int MOST_COPIES = 3;

    /**
     * The {@code index}-th create of a phase. Every fourth carries a key, sent once, twice or three times in
     * turn; the bodies alternate between no source (the promoted version), {@code current}, and the promoted
     * version's id, so both read paths of the service are exercised.
     */
    static PlannedCreate of(String runId, Phase phase, int index, Documents.Seeded document) {
        String name = phase.name() + " " + index;
        String body = switch (index % 3) {
            case 0 -> "{\"name\": \"" + name + "\"}";
            case 1 -> "{\"source_version_id\": \"current\", \"name\": \"" + name + "\"}";
            default -> "{\"source_version_id\": \"" + document.promotedVersionId() + "\", \"name\": \"" + name
                    + "\"}";
        };
        if (index % KEYED_EVERY != 0) {
            return new PlannedCreate(document, name, body, null, 1);
        }
        String key = runId + "-" + phase.name() + "-" + index;
        return new PlannedCreate(document, name, body, key, 1 + (index / KEYED_EVERY) % MOST_COPIES);
    }

    boolean keyed() {
        return idempotencyKey != null;
    }
}
