package com.orbiqhq.drafts.draft;

import java.time.Instant;
import java.util.List;

/**
 * A created draft version, as the API reports it.
 *
 * @param id the new version's id
 * @param key {@code draft_} and the creation stamp in epoch milliseconds, unique within the document
 * @param name the given name, or {@code null}
 * @param created when it was created, whole seconds
 * @param modifiedFields fields that differ from the source (none for a fresh copy)
 */
public record Draft(String id, String key, String name, Instant created, List<String> modifiedFields) {
    public static final String STATUS = "draft";
    public static final String KEY_PREFIX = "draft_";

    public Draft {
        modifiedFields = List.copyOf(modifiedFields);
    }

    public static String keyFor(long millis) {
        return KEY_PREFIX + millis;
    }
}
