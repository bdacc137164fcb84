package com.orbiqhq.drafts.draft;

import java.util.Optional;

/**
 * A document and one of its versions, read together.
 *
 * @param document the document, empty when the tenant has no such document
 * @param version the version, empty when the document has no such version
 */
public record DocumentAndVersion(Optional<DocumentState> document, Optional<SourceVersion> version) {
}
