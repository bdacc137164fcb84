package com.orbiqhq.drafts.draft;

/**
 * The version a draft is copied from. Its content is opaque here: the repository that read it copies it.
 */
public interface SourceVersion {
    String id();

    /** The source's {@code revision} when read, or {@code null} for items written without one. */
    Long revision();
}
