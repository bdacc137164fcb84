package com.orbiqhq.drafts.store;

import static com.orbiqhq.drafts.store.Attributes.number;
import static com.orbiqhq.drafts.store.Attributes.string;
import static com.orbiqhq.drafts.store.Attributes.stringOrNull;

import com.orbiqhq.drafts.draft.Draft;
import com.orbiqhq.drafts.draft.DraftWrite;
import java.time.Instant;
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

    static Draft fromSummary(Map<String, AttributeValue> summary) {
        String created = stringOrNull(summary, "date_created");
        if (created == null) {
            throw new IllegalStateException("idempotency record holds no creation date");
        }
        return new Draft(stringOrNull(summary, "id"), stringOrNull(summary, "key"), stringOrNull(summary, "name"),
                Instant.parse(created), List.of());
    }
}
