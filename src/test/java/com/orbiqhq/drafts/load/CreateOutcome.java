package com.orbiqhq.drafts.load;

import java.util.List;

/**
 * What one planned create got: for each concurrent copy, every exchange it made (in-flight conflicts retried,
 * then the last answer).
 */
record CreateOutcome(PlannedCreate create, List<List<Exchange>> copies) {

    /** The last answer of each copy. */
    List<Exchange> answers() {
        return copies.stream().map(List::getLast).toList();
    }

    List<Exchange> exchanges() {
        return copies.stream().flatMap(List::stream).toList();
    }

    long conflicts() {
        return exchanges().stream().filter(Exchange::inFlightConflict).count();
    }

    boolean allCreated() {
        return answers().stream().allMatch(Exchange::created);
    }

    /** The version id the copies reported, when they all reported the same one; otherwise {@code null}. */
    String versionId() {
        List<String> ids = answers().stream().map(Exchange::versionId).distinct().toList();
        return ids.size() == 1 ? ids.getFirst() : null;
    }

    String key() {
        List<String> keys = answers().stream().map(Exchange::key).distinct().toList();
        return keys.size() == 1 ? keys.getFirst() : null;
    }

    /** Whether every copy reported one and the same draft (same id, same key). */
    boolean sameDraftForEveryCopy() {
        return versionId() != null && key() != null;
    }
}
