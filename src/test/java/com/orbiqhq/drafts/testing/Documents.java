package com.orbiqhq.drafts.testing;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Seeds documents and versions the way the other services of the table write them, including attributes this
 * service knows nothing about, of every DynamoDB type.
 */
public final class Documents {
    private final TestTable table;

    public Documents(TestTable table) {
        this.table = table;
    }

    /** A seeded document: its id, the promoted version's id (or null), and an archived version's id. */
    public record Seeded(String tenant, String documentId, String promotedVersionId, String archivedVersionId) {
        public String partitionKey() {
            return TestTable.partitionKey(tenant, documentId);
        }
    }

    /** A document with a promoted (published, active) version and an archived one. */
    public Seeded withPromotedVersion(String tenant) {
        String documentId = UUID.randomUUID().toString();
        String promoted = UUID.randomUUID().toString();
        String archived = UUID.randomUUID().toString();
        putDocument(tenant, documentId, promoted);
        putVersion(tenant, documentId, promoted, "published", true, "Policy 2025");
        putVersion(tenant, documentId, archived, "archived", false, "Policy 2024");
        return new Seeded(tenant, documentId, promoted, archived);
    }

    /** A document whose versions exist but none is promoted. */
    public Seeded withoutPromotedVersion(String tenant) {
        String documentId = UUID.randomUUID().toString();
        String archived = UUID.randomUUID().toString();
        putDocument(tenant, documentId, null);
        putVersion(tenant, documentId, archived, "archived", false, "Old policy");
        return new Seeded(tenant, documentId, null, archived);
    }

    public void putDocument(String tenant, String documentId, String activeVersionId) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS(TestTable.partitionKey(tenant, documentId)));
        item.put("sk", AttributeValue.fromS("DOCUMENT"));
        item.put("tenant_id", AttributeValue.fromS(tenant));
        item.put("document_id", AttributeValue.fromS(documentId));
        item.put("title", AttributeValue.fromS("Information security policy"));
        if (activeVersionId != null) {
            item.put("active_version_id", AttributeValue.fromS(activeVersionId));
        }
        table.put(item);
    }

    public void putVersion(String tenant, String documentId, String versionId, String status, boolean active,
            String name) {
        Map<String, AttributeValue> item = new HashMap<>(contentOfEveryType());
        item.put("pk", AttributeValue.fromS(TestTable.partitionKey(tenant, documentId)));
        item.put("sk", AttributeValue.fromS("VERSION#" + versionId));
        item.put("id", AttributeValue.fromS(versionId));
        item.put("document_id", AttributeValue.fromS(documentId));
        item.put("tenant_id", AttributeValue.fromS(tenant));
        item.put("key", AttributeValue.fromS("v_" + versionId.substring(0, 8)));
        item.put("name", AttributeValue.fromS(name));
        item.put("status", AttributeValue.fromS(status));
        item.put("is_active", AttributeValue.fromBool(active));
        item.put("date_created", AttributeValue.fromS("2025-01-02T03:04:05Z"));
        item.put("date_updated", AttributeValue.fromS("2025-02-03T04:05:06Z"));
        item.put("modified_fields", AttributeValue.fromL(List.of(AttributeValue.fromS("title"))));
        item.put("revision", AttributeValue.fromN("7"));
        item.put("created_by", AttributeValue.fromS("someone-else"));
        item.put("expires_at", AttributeValue.fromN("4102444800"));
        table.put(item);
    }

    /** Attributes other services add to versions: one of each DynamoDB type, all to be copied verbatim. */
    public static Map<String, AttributeValue> contentOfEveryType() {
        Map<String, AttributeValue> content = new HashMap<>();
        content.put("title", AttributeValue.fromS("Information security policy"));
        content.put("page_count", AttributeValue.fromN("12"));
        content.put("checksum", AttributeValue.fromB(SdkBytes.fromString("c0ffee", StandardCharsets.UTF_8)));
        content.put("confidential", AttributeValue.fromBool(true));
        content.put("reviewer", AttributeValue.fromNul(true));
        content.put("sections", AttributeValue.fromL(List.of(AttributeValue.fromS("scope"),
                AttributeValue.fromN("2"))));
        content.put("file", AttributeValue.fromM(Map.of(
                "bucket", AttributeValue.fromS("documents"),
                "size", AttributeValue.fromN("52344"))));
        content.put("tags", AttributeValue.fromSs(List.of("iso27001", "soc2")));
        content.put("scores", AttributeValue.fromNs(List.of("1", "2.5")));
        content.put("signatures", AttributeValue.fromBs(List.of(
                SdkBytes.fromString("sig-a", StandardCharsets.UTF_8),
                SdkBytes.fromString("sig-b", StandardCharsets.UTF_8))));
        return content;
    }
}
