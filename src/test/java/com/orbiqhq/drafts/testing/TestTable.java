package com.orbiqhq.drafts.testing;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * A fresh table with the service's layout on a test database, and direct access to its items, so tests can seed
 * documents and check exactly what a request wrote (or that it wrote nothing).
 */
public final class TestTable {
    private final String endpoint;
    private final String name;
    private final DynamoDbClient client;

    private TestTable(String endpoint, String name, DynamoDbClient client) {
        this.endpoint = endpoint;
        this.name = name;
        this.client = client;
    }

    /** A table that exists already, such as one a script created. */
    public static TestTable attach(String endpoint, String name) {
        return new TestTable(endpoint, name, client(endpoint));
    }

    /** Creates a table with a unique name on the given endpoint. */
    public static TestTable create(String endpoint) {
        DynamoDbClient client = client(endpoint);
        String name = "documents-" + UUID.randomUUID();
        client.createTable(table -> table
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build())
                .keySchema(
                        KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build()));
        client.waiter().waitUntilTableExists(wait -> wait.tableName(name));
        return new TestTable(endpoint, name, client);
    }

    private static DynamoDbClient client(String endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public String endpoint() {
        return endpoint;
    }

    public String name() {
        return name;
    }

    public DynamoDbClient client() {
        return client;
    }

    /** The environment a handler needs to use this table with the test tokens. */
    public Map<String, String> handlerEnvironment() {
        Map<String, String> env = new HashMap<>(Tokens.ENVIRONMENT);
        env.put("TABLE_NAME", name);
        env.put("DYNAMODB_ENDPOINT", endpoint);
        env.put("AWS_REGION", "us-east-1");
        env.put("LOG_LEVEL", "WARN");
        return env;
    }

    public static String partitionKey(String tenant, String documentId) {
        return "TENANT#" + tenant + "#DOCUMENT#" + documentId;
    }

    public void put(Map<String, AttributeValue> item) {
        client.putItem(put -> put.tableName(name).item(item));
    }

    public Optional<Map<String, AttributeValue>> get(String pk, String sk) {
        var response = client.getItem(get -> get.tableName(name).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk))));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    /** Every item in one document's partition. */
    public List<Map<String, AttributeValue>> partition(String tenant, String documentId) {
        return client.query(query -> query.tableName(name).consistentRead(true)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partitionKey(tenant, documentId)))))
                .items();
    }

    /** Every item of the table, for before/after comparisons. */
    public List<Map<String, AttributeValue>> allItems() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = client.scan(scan -> scan.tableName(name).consistentRead(true)
                    .exclusiveStartKey(from));
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }
}
