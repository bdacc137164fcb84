package com.orbiqhq.drafts.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.orbiqhq.drafts.api.CreateVersionHandler;
import com.orbiqhq.drafts.config.Environment;
import com.orbiqhq.drafts.draft.CreateDraftCommand;
import com.orbiqhq.drafts.draft.DocumentRef;
import com.orbiqhq.drafts.draft.IdempotencyKey;
import com.orbiqhq.drafts.testing.Documents;
import com.orbiqhq.drafts.testing.Ports;
import com.orbiqhq.drafts.testing.TestDatabase;
import com.orbiqhq.drafts.testing.TestLogs;
import com.orbiqhq.drafts.testing.TestTable;
import com.orbiqhq.drafts.testing.Tokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The create-version contract, end to end: proxy events into the real handler, a real DynamoDB-compatible
 * database behind it, every response checked against openapi.yaml, and the table checked after each request.
 * Subclasses choose the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CreateVersionContract {
    private static final String DEMO_DOCUMENT = "3f0e8a52-6d1b-4c8e-9a57-2b4f7c1d9e60";
    private static final String DEMO_PROMOTED = "8c2d4b1e-5a7f-4e3c-b9d0-1f6a2e8c7b45";
    private static final String DEMO_ARCHIVED = "d47a9c3e-2b8f-4a61-8e5d-9c0b3f7a1e28";

    private final TestLogs logs = new TestLogs();
    private TestTable table;
    private Documents documents;
    private HandlerClient client;

    abstract TestDatabase.Kind database();

    @BeforeAll
    void startDatabase() {
        table = TestTable.create(TestDatabase.endpoint(database()));
        documents = new Documents(table);
        client = new HandlerClient(new CreateVersionHandler(Environment.of(table.handlerEnvironment()), logs.logger()));
        documents.putDocument(Tokens.TENANT, DEMO_DOCUMENT, DEMO_PROMOTED);
        documents.putVersion(Tokens.TENANT, DEMO_DOCUMENT, DEMO_PROMOTED, "published", true, "Policy 2025");
        documents.putVersion(Tokens.TENANT, DEMO_DOCUMENT, DEMO_ARCHIVED, "archived", false, "Policy 2024");
    }

    // ---- success paths -------------------------------------------------------------------------------------

    @Test
    void create_fromCurrentWithName_copiesPromotedVersionIntoNewDraft() {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);
        Instant before = Instant.now().minusSeconds(1);

        var response = client.post(document.documentId(),
                "{\"source_version_id\": \"current\", \"name\": \"Q2 Refresh\"}");

        assertThat(response.status()).isEqualTo(201);
        var version = response.version();
        String id = version.path("id").asText();
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        assertThat(version.path("name").asText()).isEqualTo("Q2 Refresh");
        assertThat(version.path("status").asText()).isEqualTo("draft");
        assertThat(version.path("is_active").asBoolean(true)).isFalse();
        assertThat(version.path("date_created").asText()).isEqualTo(version.path("date_updated").asText())
                .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        assertThat(Instant.parse(version.path("date_created").asText())).isBetween(before, Instant.now());
        assertThat(version.path("modified_fields").isArray()).isTrue();
        assertThat(version.path("modified_fields")).isEmpty();
        assertThat(response.header("Location"))
                .isEqualTo("/api/v1/documents/" + document.documentId() + "/versions/" + id);
        assertThat(response.header("X-Request-Id")).isNotBlank();

        Map<String, AttributeValue> draft = table.get(document.partitionKey(), "VERSION#" + id).orElseThrow();
        assertThat(draft).containsAllEntriesOf(Documents.contentOfEveryType());
        assertThat(draft.get("key").s()).isEqualTo(version.path("key").asText());
        assertThat(draft.get("name").s()).isEqualTo("Q2 Refresh");
        assertThat(draft.get("status").s()).isEqualTo("draft");
        assertThat(draft.get("is_active").bool()).isFalse();
        assertThat(draft.get("revision").n()).isEqualTo("1");
        assertThat(draft.get("source_version_id").s()).isEqualTo(document.promotedVersionId());
        assertThat(draft.get("created_by").s()).isEqualTo(Tokens.SUBJECT);
        assertThat(draft.get("tenant_id").s()).isEqualTo(Tokens.TENANT);
        assertThat(draft.get("document_id").s()).isEqualTo(document.documentId());
        assertThat(draft.get("modified_fields").l()).isEmpty();
        assertThat(draft.get("date_created").s()).isEqualTo(version.path("date_created").asText());
        assertThat(draft).doesNotContainKey("expires_at");

        long keyMillis = Long.parseLong(version.path("key").asText().substring("draft_".length()));
        var stored = table.get(document.partitionKey(), "DOCUMENT").orElseThrow();
        assertThat(stored.get("last_draft_key_ms").n()).isEqualTo(Long.toString(keyMillis));
        assertThat(stored.get("active_version_id").s()).isEqualTo(document.promotedVersionId());
        assertThat(keyMillis).isBetween(before.toEpochMilli(), Instant.now().toEpochMilli());
    }

    @Test
    void create_fromExplicitVersionWithoutName_leavesDraftUnnamed() {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);

        var response = client.post(document.documentId(),
                "{\"source_version_id\": \"" + document.archivedVersionId().toUpperCase() + "\"}");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.version().path("name").isNull()).isTrue();
        var draft = table.get(document.partitionKey(), "VERSION#" + response.version().path("id").asText())
                .orElseThrow();
        assertThat(draft).doesNotContainKey("name");
        assertThat(draft.get("source_version_id").s()).isEqualTo(document.archivedVersionId());
        assertThat(draft.get("status").s()).isEqualTo("draft");
    }

    @Test
    void create_withoutBodyOrWithEmptyObject_clonesPromotedVersion() {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);

        var noBody = client.post(document.documentId(), null, "Content-Type", null);
        var emptyObject = client.post(document.documentId(), "{}");
        var nulls = client.post(document.documentId(), "{\"source_version_id\": null, \"name\": null}");

        for (var response : List.of(noBody, emptyObject, nulls)) {
            assertThat(response.status()).isEqualTo(201);
            var draft = table.get(document.partitionKey(), "VERSION#" + response.version().path("id").asText())
                    .orElseThrow();
            assertThat(draft.get("source_version_id").s()).isEqualTo(document.promotedVersionId());
        }
    }

    @Test
    void create_successiveDrafts_getIncreasingUniqueKeys() {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);

        List<Long> stamps = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            var response = client.post(document.documentId(), "{}");
            stamps.add(Long.parseLong(response.version().path("key").asText().substring(6)));
        }

        assertThat(stamps).isSorted().doesNotHaveDuplicates();
        assertThat(table.partition(Tokens.TENANT, document.documentId()))
                .filteredOn(CreateVersionContract::isDraft).hasSize(5);
    }

    @Test
    void create_concurrentBurstOnOneDocument_storesEveryDraftWithUniqueKeys() throws Exception {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);
        int burst = 8;
        ExecutorService pool = Executors.newFixedThreadPool(burst);
        List<Callable<HandlerClient.Response>> requests = new ArrayList<>();
        for (int i = 0; i < burst; i++) {
            String body = "{\"name\": \"burst " + i + "\"}";
            requests.add(() -> client.post(document.documentId(), body));
        }

        List<HandlerClient.Response> responses = new ArrayList<>();
        try {
            for (Future<HandlerClient.Response> future : pool.invokeAll(requests)) {
                responses.add(future.get());
            }
        } finally {
            pool.shutdown();
        }

        assertThat(responses).allSatisfy(response -> assertThat(response.status()).isEqualTo(201));
        Set<String> ids = new HashSet<>();
        Set<String> keys = new HashSet<>();
        responses.forEach(response -> {
            ids.add(response.version().path("id").asText());
            keys.add(response.version().path("key").asText());
        });
        assertThat(ids).hasSize(burst);
        assertThat(keys).hasSize(burst);
        var drafts = table.partition(Tokens.TENANT, document.documentId()).stream()
                .filter(CreateVersionContract::isDraft)
                .toList();
        assertThat(drafts).extracting(item -> item.get("id").s()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(drafts).extracting(item -> item.get("key").s()).containsExactlyInAnyOrderElementsOf(keys);
        long highest = keys.stream().mapToLong(key -> Long.parseLong(key.substring(6))).max().orElseThrow();
        assertThat(table.get(document.partitionKey(), "DOCUMENT").orElseThrow().get("last_draft_key_ms").n())
                .isEqualTo(Long.toString(highest));
    }

    // ---- the files in events/ ------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({
        "create-from-current.json, 201, " + DEMO_PROMOTED,
        "create-from-version.json, 201, " + DEMO_ARCHIVED,
        "create-empty-body.json, 201, " + DEMO_PROMOTED,
        "create-base64-body.json, 201, " + DEMO_PROMOTED,
        "create-missing-token.json, 401, ",
        "create-unknown-field.json, 400, "})
    void create_eventFiles_answerAsDocumented(String file, int status, String source) {
        APIGatewayProxyRequestEvent event = EventLoader.loadApiGatewayRestEvent("events/" + file);

        var response = client.send(event.getPath(), eventFile(file));

        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("X-Request-Id")).isEqualTo(event.getRequestContext().getRequestId());
        if (status == 201) {
            var draft = table.get(TestTable.partitionKey(Tokens.TENANT, DEMO_DOCUMENT),
                    "VERSION#" + response.version().path("id").asText()).orElseThrow();
            assertThat(draft.get("source_version_id").s()).isEqualTo(source);
        }
    }

    @Test
    void create_idempotentEventDeliveredTwice_createsOneDraft() {
        APIGatewayProxyRequestEvent event = EventLoader.loadApiGatewayRestEvent("events/create-idempotent.json");
        String key = "event-" + UUID.randomUUID();
        event.getHeaders().put("Idempotency-Key", key);
        event.getMultiValueHeaders().put("Idempotency-Key", List.of(key));

        var first = client.send(event);
        var second = client.send(event);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.version()).isEqualTo(first.version());
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
    }

    // ---- idempotency ---------------------------------------------------------------------------------------

    @Test
    void create_sameIdempotencyKeyAndBody_returnsSameVersionAndWritesOnce() {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);
        String key = "retry-" + UUID.randomUUID();

        var first = client.post(document.documentId(), "{\"name\": \"Nightly\"}", "Idempotency-Key", key);
        var again = client.post(document.documentId(), "{\"name\": \"Nightly\", \"source_version_id\": \"current\"}",
                "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.version().path("id")).isEqualTo(first.version().path("id"));
        assertThat(again.version().path("key")).isEqualTo(first.version().path("key"));
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(drafts(document)).hasSize(1);

        var record = idempotencyRecord(document, key);
        assertThat(record.get("version_id").s()).isEqualTo(first.version().path("id").asText());
        assertThat(record.get("request_hash").s()).hasSize(64);
        long expiresAt = Long.parseLong(record.get("expires_at").n());
        assertThat(expiresAt).isBetween(Instant.now().plus(Duration.ofHours(24)).minusSeconds(60).getEpochSecond(),
                Instant.now().plus(Duration.ofHours(24)).getEpochSecond());
        assertThat(record).doesNotContainKeys("lock_token", "locked_until_ms");
    }

    @Test
    void create_sameIdempotencyKeyOtherBody_answers422AndWritesNothing() {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);
        String key = "reuse-" + UUID.randomUUID();
        client.post(document.documentId(), "{\"name\": \"First\"}", "Idempotency-Key", key);
        var before = table.allItems();

        var response = client.post(document.documentId(), "{\"name\": \"Second\"}", "Idempotency-Key", key);

        assertError(response, 422, "idempotency_key_reused", "idempotency-key-reused");
        assertThat(table.allItems()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void create_sameIdempotencyKeyWhileFirstInFlight_answers409AndWritesNothing() {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);
        String key = "inflight-" + UUID.randomUUID();
        String body = "{\"name\": \"Slow\"}";
        seedInFlightClaim(document, key, fingerprintOf(document, null, "Slow"));
        var before = table.allItems();

        var response = client.post(document.documentId(), body, "Idempotency-Key", key);

        assertError(response, 409, "conflict", "conflict");
        assertThat(table.allItems()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void create_idempotencyClaimThatLapsed_isTakenOverAndCompleted() {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);
        String key = "lapsed-" + UUID.randomUUID();
        Map<String, AttributeValue> claim = new HashMap<>(inFlightClaim(document, key, "stale-fingerprint"));
        claim.put("locked_until_ms", AttributeValue.fromN(Long.toString(Instant.now().toEpochMilli() - 1_000)));
        table.put(claim);

        var response = client.post(document.documentId(), "{}", "Idempotency-Key", key);

        assertThat(response.status()).isEqualTo(201);
        assertThat(idempotencyRecord(document, key).get("version_id").s())
                .isEqualTo(response.version().path("id").asText());
    }

    @Test
    void create_idempotencyRecordPastItsExpiry_isTreatedAsAbsent() {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);
        String key = "expired-" + UUID.randomUUID();
        Map<String, AttributeValue> expired = new HashMap<>(inFlightClaim(document, key,
                fingerprintOf(document, null, null)));
        expired.remove("lock_token");
        expired.remove("locked_until_ms");
        expired.put("status", AttributeValue.fromS("COMPLETED"));
        expired.put("version_id", AttributeValue.fromS(UUID.randomUUID().toString()));
        expired.put("expires_at", AttributeValue.fromN(Long.toString(Instant.now().getEpochSecond() - 60)));
        table.put(expired);

        var response = client.post(document.documentId(), "{}", "Idempotency-Key", key);

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("Idempotent-Replayed")).isNull();
        assertThat(idempotencyRecord(document, key).get("version_id").s())
                .isEqualTo(response.version().path("id").asText());
    }

    @Test
    void create_repeatOfRecordInSharedLayoutWithoutSummary_answersFromTheVersionItem() {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);
        String key = "shared-layout-" + UUID.randomUUID();
        var first = client.post(document.documentId(), "{}", "Idempotency-Key", key);
        String sortKey = "IDEMPOTENCY#" + IdempotencyKey.derived(key).hash();
        Map<String, AttributeValue> minimal = new HashMap<>(table.get(document.partitionKey(), sortKey).orElseThrow());
        minimal.keySet().retainAll(List.of("pk", "sk", "version_id", "request_hash", "expires_at"));
        table.put(minimal);

        var again = client.post(document.documentId(), "{}", "Idempotency-Key", key);

        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.version()).isEqualTo(first.version());
        assertThat(drafts(document)).hasSize(1);
    }

    @Test
    void create_repeatAfterTheDraftWasDeletedFromASharedLayoutRecord_createsANewDraft() {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);
        String key = "deleted-" + UUID.randomUUID();
        var first = client.post(document.documentId(), "{}", "Idempotency-Key", key);
        String sortKey = "IDEMPOTENCY#" + IdempotencyKey.derived(key).hash();
        Map<String, AttributeValue> minimal = new HashMap<>(table.get(document.partitionKey(), sortKey).orElseThrow());
        minimal.keySet().retainAll(List.of("pk", "sk", "version_id", "request_hash", "expires_at"));
        table.put(minimal);
        table.client().deleteItem(delete -> delete.tableName(table.name()).key(Map.of(
                "pk", AttributeValue.fromS(document.partitionKey()),
                "sk", AttributeValue.fromS("VERSION#" + first.version().path("id").asText()))));

        var again = client.post(document.documentId(), "{}", "Idempotency-Key", key);

        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isNull();
        assertThat(again.version().path("id")).isNotEqualTo(first.version().path("id"));
        assertThat(table.get(document.partitionKey(), sortKey).orElseThrow().get("version_id").s())
                .isEqualTo(again.version().path("id").asText());
        assertThat(drafts(document)).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource({"VERSION, revision", "DOCUMENT, last_draft_key_ms"})
    void create_whenAnItemHoldsANumberOfTheWrongType_answers500AtOnceAndWritesNothing(String item, String name) {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);
        String sortKey = item.equals("VERSION") ? "VERSION#" + document.promotedVersionId() : "DOCUMENT";
        Map<String, AttributeValue> damaged = new HashMap<>(table.get(document.partitionKey(), sortKey).orElseThrow());
        damaged.put(name, AttributeValue.fromS("7"));
        table.put(damaged);
        var before = table.allItems();
        long started = System.nanoTime();

        var response = client.post(document.documentId(), "{}");

        assertError(response, 500, "internal_error", "internal");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no retrying what cannot succeed")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(table.allItems()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void create_failedRequestWithIdempotencyKey_releasesTheKey() {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);
        String key = "fails-" + UUID.randomUUID();
        String missing = UUID.randomUUID().toString();
        var before = table.allItems();

        var failed = client.post(document.documentId(), "{\"source_version_id\": \"" + missing + "\"}",
                "Idempotency-Key", key);

        assertThat(failed.status()).isEqualTo(400);
        assertThat(table.allItems()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void create_invalidIdempotencyKey_answers400() {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);
        var before = table.allItems();

        var response = client.post(document.documentId(), "{}", "Idempotency-Key", "x".repeat(256));

        assertError(response, 400, "validation_failed", "validation");
        assertThat(response.message()).isEqualTo("Idempotency-Key must be 1 to 255 printable ASCII characters.");
        assertThat(table.allItems()).containsExactlyInAnyOrderElementsOf(before);
    }

    // ---- every row of the error tables ---------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"name\": |Request body is not valid JSON.",
        "[] |Request body must be a JSON object.",
        "\"text\" |Request body must be a JSON object.",
        "{\"status\": \"published\"} |Unknown field 'status'; only source_version_id and name are accepted.",
        "{\"is_active\": true} |Unknown field 'is_active'; only source_version_id and name are accepted.",
        "{\"name\": 5} |name must be a string or null.",
        "{\"source_version_id\": 5} |source_version_id must be a string or null.",
        "{\"source_version_id\": \"latest\"} |source_version_id must be a version UUID or \"current\".",
        "{\"name\": \"a\", \"name\": \"b\"} |Field 'name' appears more than once.",
        "{} {} |Request body must hold exactly one JSON object."})
    void create_invalidBody_answers400AndWritesNothing(String body, String message) {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);
        var before = table.allItems();

        var response = client.post(document.documentId(), body.strip());

        assertError(response, 400, "validation_failed", "validation");
        assertThat(response.message()).isEqualTo(message);
        assertThat(table.allItems()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void create_nameOver255Characters_answers400() {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);
        var before = table.allItems();

        var response = client.post(document.documentId(), "{\"name\": \"" + "n".repeat(256) + "\"}");

        assertError(response, 400, "validation_failed", "validation");
        assertThat(response.message()).isEqualTo("name must be at most 255 characters.");
        assertThat(table.allItems()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void create_pathIdNotUuid_answers400() {
        var before = table.allItems();

        var response = client.post("not-a-uuid", "{}");

        assertError(response, 400, "validation_failed", "validation");
        assertThat(response.message()).isEqualTo("Path parameter id must be a document UUID.");
        assertThat(table.allItems()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void create_sourceVersionNotInDocument_answers400WithContractMessage() {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);
        Documents.Seeded other = documents.withPromotedVersion(Tokens.TENANT);
        var before = table.allItems();

        var unknown = client.post(document.documentId(),
                "{\"source_version_id\": \"" + UUID.randomUUID() + "\"}");
        var ofAnotherDocument = client.post(document.documentId(),
                "{\"source_version_id\": \"" + other.promotedVersionId() + "\"}");

        for (var response : List.of(unknown, ofAnotherDocument)) {
            assertError(response, 400, "validation_failed", "validation");
            assertThat(response.message()).isEqualTo("source_version_id must refer to an existing version.");
        }
        assertThat(table.allItems()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void create_nothingPromoted_answers400() {
        Documents.Seeded document = documents.withoutPromotedVersion(Tokens.TENANT);
        var before = table.allItems();

        var response = client.post(document.documentId(), "{}");

        assertError(response, 400, "validation_failed", "validation");
        assertThat(response.message()).contains("no promoted version");
        assertThat(table.allItems()).containsExactlyInAnyOrderElementsOf(before);
    }

    @ParameterizedTest
    @CsvSource({"missing", "garbage", "expired", "wrong-issuer", "wrong-audience", "basic"})
    void create_withoutValidToken_answers401WithChallenge(String kind) {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);
        String authorization = switch (kind) {
            case "missing" -> null;
            case "garbage" -> "Bearer not.a.jwt";
            case "expired" -> Tokens.bearer(Tokens.mint(claims -> claims.expirationTime(
                    Date.from(Instant.now().minusSeconds(600)))));
            case "wrong-issuer" -> Tokens.bearer(Tokens.mint(claims -> claims.issuer("https://evil.test")));
            case "wrong-audience" -> Tokens.bearer(Tokens.mint(claims -> claims.audience("other-api")));
            default -> "Basic dXNlcjpwYXNz";
        };
        var before = table.allItems();

        var response = client.post(document.documentId(), "{}", "Authorization", authorization);

        assertError(response, 401, "unauthorized", "unauthorized");
        assertThat(response.message()).isEqualTo("Authentication required.");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(table.allItems()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void create_roleThatMayNotWrite_answers403() {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);
        var before = table.allItems();

        var viewer = client.post(document.documentId(), "{}",
                "Authorization", Tokens.bearer(Tokens.withRole("viewer")));
        var scoped = client.post(document.documentId(), "{}", "Authorization", Tokens.bearer(Tokens.mint(claims ->
                claims.claim("role", "viewer").claim("scope", "documents:write"))));

        assertError(viewer, 403, "forbidden", "forbidden");
        assertThat(table.allItems()).hasSize(before.size() + 1);
        assertThat(scoped.status()).isEqualTo(201);
    }

    @Test
    void create_unknownDocument_answers404() {
        var before = table.allItems();

        var response = client.post(UUID.randomUUID().toString(), "{}");

        assertError(response, 404, "not_found", "not-found");
        assertThat(table.allItems()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void create_documentOfAnotherTenant_answers404ExactlyLikeAnUnknownOne() {
        Documents.Seeded foreign = documents.withPromotedVersion("globex");
        var before = table.allItems();

        var response = client.post(foreign.documentId(),
                "{\"source_version_id\": \"" + foreign.promotedVersionId() + "\"}");
        var unknown = client.post(UUID.randomUUID().toString(),
                "{\"source_version_id\": \"" + foreign.promotedVersionId() + "\"}");

        assertError(response, 404, "not_found", "not-found");
        assertThat(response.json()).isEqualTo(unknown.json());
        assertThat(table.allItems()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void create_bodyOverLimit_answers413() {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);
        var before = table.allItems();

        var response = client.post(document.documentId(), "{\"name\": \"" + "x".repeat(17_000) + "\"}");

        assertError(response, 413, "payload_too_large", "payload-too-large");
        assertThat(table.allItems()).containsExactlyInAnyOrderElementsOf(before);
    }

    @ParameterizedTest
    @CsvSource({"text/plain", "application/x-www-form-urlencoded", "''"})
    void create_bodyThatIsNotJson_answers415(String contentType) {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);
        var before = table.allItems();

        var response = client.post(document.documentId(), "{}", "Content-Type",
                contentType.isEmpty() ? null : contentType);

        assertError(response, 415, "unsupported_media_type", "unsupported-media-type");
        assertThat(table.allItems()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void create_plusJsonMediaTypeWithParameters_isAccepted() {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);

        var response = client.post(document.documentId(), "{}", "Content-Type",
                "application/vnd.api+json; charset=utf-8");

        assertThat(response.status()).isEqualTo(201);
    }

    @Test
    void create_base64EncodedBody_isDecoded() {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);
        var event = HandlerClient.event(document.documentId(),
                Base64.getEncoder().encodeToString("{\"name\": \"Encoded\"}".getBytes()),
                new HashMap<>(Map.of("authorization", Tokens.bearer(Tokens.writer()),
                        "content-type", "application/json")));
        event.setIsBase64Encoded(true);

        var response = client.send(event);

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.version().path("name").asText()).isEqualTo("Encoded");
    }

    @Test
    void create_whenTableIsMissing_answers500WithoutDetail() {
        Map<String, String> env = new HashMap<>(table.handlerEnvironment());
        env.put("TABLE_NAME", "no-such-table-" + UUID.randomUUID());
        var broken = new HandlerClient(new CreateVersionHandler(Environment.of(env), logs.logger()));

        var response = broken.post(UUID.randomUUID().toString(), "{}");

        assertError(response, 500, "internal_error", "internal");
        assertThat(response.message()).isEqualTo("Unexpected server error.");
        assertThat(response.raw().getBody()).doesNotContainIgnoringCase("exception").doesNotContain("no-such-table");
    }

    @Test
    void create_whenDatabaseUnreachable_answers503WithRetryAfter() {
        Map<String, String> env = new HashMap<>(table.handlerEnvironment());
        env.put("DYNAMODB_ENDPOINT", "http://127.0.0.1:" + Ports.closedPort());
        var unreachable = new HandlerClient(new CreateVersionHandler(Environment.of(env), logs.logger()));

        var response = unreachable.post(UUID.randomUUID().toString(), "{}");

        assertError(response, 503, "service_unavailable", "service-unavailable");
        assertThat(response.header("Retry-After")).matches("\\d+");
        assertThat(response.raw().getBody()).doesNotContainIgnoringCase("exception");
    }

    // ---- logs ----------------------------------------------------------------------------------------------

    @Test
    void create_anyRequest_logsOneSummaryLineWithItsOutcome() throws Exception {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);

        var response = client.post(document.documentId(), "{\"name\": \"Logged\"}");

        String requestId = response.header("X-Request-Id");
        List<JsonNode> summaries = new ArrayList<>();
        for (String line : logs.lines()) {
            JsonNode entry = new ObjectMapper().readTree(line);
            if (requestId.equals(entry.path("requestId").asText())
                    && "request completed".equals(entry.path("message").asText())) {
                summaries.add(entry);
            }
        }
        assertThat(summaries).hasSize(1);
        JsonNode summary = summaries.get(0);
        assertThat(summary.path("level").asText()).isEqualTo("INFO");
        assertThat(summary.path("tenant").asText()).isEqualTo(Tokens.TENANT);
        assertThat(summary.path("document").asText()).isEqualTo(document.documentId());
        assertThat(summary.path("outcome").asText()).isEqualTo("created");
        assertThat(summary.path("status").asInt()).isEqualTo(201);
        assertThat(summary.path("latencyMs").isIntegralNumber()).isTrue();
        assertThat(summary.path("coldStart").isBoolean()).isTrue();
        assertThat(summary.path("DraftsCreated").asInt()).as("the line carries the request's metrics").isEqualTo(1);
        assertThat(summary.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asText())
                .isEqualTo("TrustCenter/Drafts");
    }

    @Test
    void create_anyOutcome_neverLogsTokensHeadersOrBodies() {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);
        String marker = "secret-body-" + UUID.randomUUID();
        String token = Tokens.writer();

        client.post(document.documentId(), "{\"name\": \"" + marker + "\"}", "Authorization", Tokens.bearer(token));
        client.post(document.documentId(), "{\"name\": \"" + marker + "\", \"status\": \"x\"}");
        client.post(document.documentId(), "{\"" + marker + "\": 1}");
        client.post(UUID.randomUUID().toString(), "{\"name\": \"" + marker + "\"}");
        client.post(document.documentId(), "{}", "Authorization", "Bearer " + marker);

        assertThat(logs.lines()).isNotEmpty().noneSatisfy(line -> assertThat(line)
                .containsAnyOf(marker, token, token.substring(0, 20), "Bearer", "Authorization"));
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** An event file's bytes as they are: the JSON API Gateway and the runtime would hand the function. */
    private static byte[] eventFile(String file) {
        try {
            return Files.readAllBytes(Path.of(System.getProperty("project.root", "."), "events", file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertError(HandlerClient.Response response, int status, String code, String slug) {
        assertThat(response.status()).as(response.raw().getBody()).isEqualTo(status);
        var body = response.json();
        assertThat(body.size()).isEqualTo(4);
        assertThat(body.path("code").asText()).isEqualTo(code);
        assertThat(body.path("type").asText()).isEqualTo("https://docs.orbiqhq.com/errors/" + slug);
        assertThat(body.path("doc_url").asText()).isEqualTo("https://docs.orbiqhq.com/errors/" + slug);
        assertThat(body.path("message").isTextual()).isTrue();
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        assertThat(response.header("X-Request-Id")).isNotBlank();
    }

    private static boolean isDraft(Map<String, AttributeValue> item) {
        AttributeValue status = item.get("status");
        return status != null && "draft".equals(status.s());
    }

    private List<Map<String, AttributeValue>> drafts(Documents.Seeded document) {
        return table.partition(document.tenant(), document.documentId()).stream()
                .filter(CreateVersionContract::isDraft)
                .toList();
    }

    private Map<String, AttributeValue> idempotencyRecord(Documents.Seeded document, String key) {
        return table.get(document.partitionKey(), "IDEMPOTENCY#" + sha256(key)).orElseThrow();
    }

    private void seedInFlightClaim(Documents.Seeded document, String key, String fingerprint) {
        table.put(inFlightClaim(document, key, fingerprint));
    }

    private static Map<String, AttributeValue> inFlightClaim(Documents.Seeded document, String key,
            String fingerprint) {
        Map<String, AttributeValue> claim = new HashMap<>();
        claim.put("pk", AttributeValue.fromS(document.partitionKey()));
        claim.put("sk", AttributeValue.fromS("IDEMPOTENCY#" + sha256(key)));
        claim.put("request_hash", AttributeValue.fromS(fingerprint));
        claim.put("status", AttributeValue.fromS("IN_PROGRESS"));
        claim.put("lock_token", AttributeValue.fromS(UUID.randomUUID().toString()));
        claim.put("locked_until_ms", AttributeValue.fromN(Long.toString(Instant.now().toEpochMilli() + 60_000)));
        claim.put("expires_at", AttributeValue.fromN(Long.toString(Instant.now().getEpochSecond() + 86_400)));
        return claim;
    }

    private static String fingerprintOf(Documents.Seeded document, String source, String name) {
        return new CreateDraftCommand(
                new DocumentRef(document.tenant(), document.documentId()),
                source, name, "anyone", null).fingerprint();
    }

    private static String sha256(String text) {
        return IdempotencyKey.derived(text).hash();
    }
}
