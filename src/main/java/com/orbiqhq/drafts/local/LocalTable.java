package com.orbiqhq.drafts.local;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The table of a local run: created with the deployed layout when missing, and seeded with a demo document whose
 * ids the files in events/ use. Seeding never overwrites: items already there are left as they are.
 */
final class LocalTable {
    static final String DEMO_TENANT = "acme";
    static final String DEMO_DOCUMENT = "3f0e8a52-6d1b-4c8e-9a57-2b4f7c1d9e60";
    static final String DEMO_PROMOTED_VERSION = "8c2d4b1e-5a7f-4e3c-b9d0-1f6a2e8c7b45";
    static final String DEMO_ARCHIVED_VERSION = "d47a9c3e-2b8f-4a61-8e5d-9c0b3f7a1e28";

    private final DynamoDbClient dynamoDb;
    private final String name;

    LocalTable(DynamoDbClient dynamoDb, String name) {
        this.dynamoDb = dynamoDb;
        this.name = name;
    }

    /** Creates the table unless it exists; returns whether it did. */
    boolean createIfMissing() {
        try {
            dynamoDb.describeTable(describe -> describe.tableName(name));
            return false;
        } catch (ResourceNotFoundException missing) {
            dynamoDb.createTable(table -> table
                    .tableName(name)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attribute("pk"), attribute("sk"))
                    .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE)));
            dynamoDb.waiter().waitUntilTableExists(wait -> wait.tableName(name));
            dynamoDb.updateTimeToLive(ttl -> ttl.tableName(name)
                    .timeToLiveSpecification(spec -> spec.attributeName("expires_at").enabled(true)));
            return true;
        }
    }

    /** Seeds the demo tenant's document: a promoted (published) version and an archived one. */
    void seedDemo() {
        String pk = "TENANT#" + DEMO_TENANT + "#DOCUMENT#" + DEMO_DOCUMENT;
        putIfAbsent(Map.of(
                "pk", s(pk), "sk", s("DOCUMENT"),
                "tenant_id", s(DEMO_TENANT), "document_id", s(DEMO_DOCUMENT),
                "title", s("Information Security Policy"),
                "active_version_id", s(DEMO_PROMOTED_VERSION)));
        putIfAbsent(version(pk, DEMO_PROMOTED_VERSION, "v_2025_q1", "2025 Q1", "published", true, "3"));
        putIfAbsent(version(pk, DEMO_ARCHIVED_VERSION, "v_2024_q4", "2024 Q4", "archived", false, "5"));
    }

    private static Map<String, AttributeValue> version(String pk, String id, String key, String name, String status,
            boolean active, String revision) {
        return Map.ofEntries(
                Map.entry("pk", s(pk)), Map.entry("sk", s("VERSION#" + id)),
                Map.entry("id", s(id)), Map.entry("document_id", s(DEMO_DOCUMENT)),
                Map.entry("tenant_id", s(DEMO_TENANT)), Map.entry("key", s(key)), Map.entry("name", s(name)),
                Map.entry("status", s(status)), Map.entry("is_active", AttributeValue.fromBool(active)),
                Map.entry("date_created", s("2025-01-15T10:00:00Z")),
                Map.entry("date_updated", s("2025-01-20T16:30:00Z")),
                Map.entry("modified_fields", AttributeValue.fromL(List.of())),
                Map.entry("revision", AttributeValue.fromN(revision)),
                Map.entry("title", s("Information Security Policy")),
                Map.entry("body_markdown", s("# Information Security Policy\n\nScope, roles and controls.")),
                Map.entry("frameworks", AttributeValue.fromSs(List.of("ISO 27001", "SOC 2"))));
    }

    private void putIfAbsent(Map<String, AttributeValue> item) {
        try {
            dynamoDb.putItem(put -> put.tableName(name).item(item).conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException alreadyThere) {
            // A seeded database keeps what it has, including changes made while trying the API.
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
