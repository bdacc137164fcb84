package com.orbiqhq.drafts.draft;

/**
 * What creating a draft needs to know of a document, as read in one consistent read.
 *
 * @param activeVersionId the promoted version, or {@code null} when nothing is promoted
 * @param lastDraftKeyMillis the millisecond stamp of the newest draft key, or {@code null} before the first draft
 */
public record DocumentState(String activeVersionId, Long lastDraftKeyMillis) {
    /** The stamp for the next draft key: now, or one past the last stamp if that is not earlier. */
    public long nextDraftKeyMillis(long nowMillis) {
        return lastDraftKeyMillis == null ? nowMillis : Math.max(nowMillis, lastDraftKeyMillis + 1);
    }
}
