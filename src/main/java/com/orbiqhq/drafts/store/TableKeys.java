package com.orbiqhq.drafts.store;

import com.orbiqhq.drafts.draft.DocumentRef;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The table's key layout, shared with the other services that use the same table: a document's items share the
 * partition {@code TENANT#<tenant>#DOCUMENT#<document>}, told apart by their sort keys.
 */
final class TableKeys {
    static final String PK = "pk";
    static final String SK = "sk";
    static final String DOCUMENT_SK = "DOCUMENT";
    static final String VERSION_SK_PREFIX = "VERSION#";
    static final String IDEMPOTENCY_SK_PREFIX = "IDEMPOTENCY#";

    private TableKeys() {
    }

    static String partitionKey(DocumentRef document) {
        return "TENANT#" + document.tenantId() + "#DOCUMENT#" + document.documentId();
    }

    static Map<String, AttributeValue> document(DocumentRef document) {
        return key(document, DOCUMENT_SK);
    }

    static Map<String, AttributeValue> version(DocumentRef document, String versionId) {
        return key(document, VERSION_SK_PREFIX + versionId);
    }

    static Map<String, AttributeValue> idempotencyRecord(DocumentRef document, String keyHash) {
        return key(document, IDEMPOTENCY_SK_PREFIX + keyHash);
    }

    private static Map<String, AttributeValue> key(DocumentRef document, String sortKey) {
        return Map.of(PK, Attributes.string(partitionKey(document)), SK, Attributes.string(sortKey));
    }
}
