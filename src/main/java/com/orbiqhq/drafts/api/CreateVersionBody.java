package com.orbiqhq.drafts.api;

/**
 * The request body of {@code POST /api/v1/documents/{id}/versions}, validated.
 *
 * @param sourceVersionId the version to copy (lower-case UUID), or {@code null} for the promoted one
 * @param name the draft's name, or {@code null}
 */
record CreateVersionBody(String sourceVersionId, String name) {
    static final CreateVersionBody EMPTY = new CreateVersionBody(null, null);
}
