package com.orbiqhq.drafts.store;

import static com.orbiqhq.drafts.store.Attributes.number;
import static com.orbiqhq.drafts.store.Attributes.string;
import static com.orbiqhq.drafts.store.Attributes.stringOrNull;

import com.orbiqhq.drafts.draft.Draft;
import com.orbiqhq.drafts.draft.DraftWrite;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** How a draft becomes items: the version item itself, and the summary an idempotency record keeps of it. */
final class DraftItems {
    private DraftItems() {
    }

    /**
     * The new version item: every attribute of the source except the lifecycle ones, which are set afresh.
     * The source's {@code expires_at} is not copied either, so a draft never inherits a TTL.
     */
    static Map<String, AttributeValue> copyOf(StoredVersion source, DraftWrite write) {
        Map<String, AttributeValue> item = new HashMap<>(source.item());
        item.keySet().removeAll(DynamoDbVersionRepository.LIFECYCLE_ATTRIBUTES);

        Draft draft = write.draft();
        String created = draft.created().toString();
        item.putAll(TableKeys.version(write.document(), draft.id()));
        item.put("id", string(draft.id()));
        item.put("document_id", string(write.document().documentId()));
        item.put("tenant_id", string(write.document().tenantId()));
        item.put("key", string(draft.key()));
        if (draft.name() != null) {
            item.put("name", string(draft.name()));
        }
        item.put("status", string(Draft.STATUS));
        item.put("is_active", AttributeValue.fromBool(false));
        item.put("date_created", string(created));
        item.put("date_updated", string(created));
        item.put("modified_fields", AttributeValue.fromL(draft.modifiedFields().stream().map(Attributes::string)
                .toList()));
        item.put("revision", number(1));
        item.put("source_version_id", string(source.id()));
        item.put("created_by", string(write.createdBy()));
        return item;
    }

    /** What a completed idempotency record keeps, so that a repeat answers exactly as the first request did. */
    static Map<String, AttributeValue> summary(Draft draft) {
        Map<String, AttributeValue> summary = new HashMap<>();
        summary.put("id", string(draft.id()));
        summary.put("key", string(draft.key()));
        if (draft.name() != null) {
            summary.put("name", string(draft.name()));
        }
        summary.put("date_created", string(draft.created().toString()));
        return summary;
    }

    static boolean isSummaryOf(Map<String, AttributeValue> summary, String versionId) {
        return versionId.equals(stringOrNull(summary, "id")) && stringOrNull(summary, "key") != null
                && stringOrNull(summary, "date_created") != null;
    }

    static Draft fromSummary(Map<String, AttributeValue> summary) {
        return draftOf(summary);
    }

    /** A draft as its version item stands, for answering a repeat when no summary was kept. */
    static Draft fromVersion(Map<String, AttributeValue> version) {
        return draftOf(version);
    }

    private static Draft draftOf(Map<String, AttributeValue> item) {
        String id = stringOrNull(item, "id");
        String key = stringOrNull(item, "key");
        String created = stringOrNull(item, "date_created");
        if (id == null || key == null || created == null) {
            throw new MalformedItemException("draft lacks id, key or date_created");
        }
        try {
            return new Draft(id, key, stringOrNull(item, "name"), Instant.parse(created), List.of());
        } catch (DateTimeParseException e) {
            throw new MalformedItemException("draft's date_created is not an ISO-8601 instant", e);
        }
    }
}
