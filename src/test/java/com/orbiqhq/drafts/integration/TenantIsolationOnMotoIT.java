package com.orbiqhq.drafts.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.orbiqhq.drafts.api.CreateVersionHandler;
import com.orbiqhq.drafts.config.Environment;
import com.orbiqhq.drafts.draft.IdempotencyKey;
import com.orbiqhq.drafts.testing.Documents;
import com.orbiqhq.drafts.testing.TestDatabase;
import com.orbiqhq.drafts.testing.TestLogs;
import com.orbiqhq.drafts.testing.TestTable;
import com.orbiqhq.drafts.testing.Tokens;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Tenant isolation through the real handler, with moto behind it: a caller of tenant A (the test tokens' tenant)
 * can neither copy, nor write to, nor learn the existence of tenant B's documents and versions, whatever document
 * id, version id, idempotency key or tenant claim it sends. Each test that must write nothing compares the whole
 * table before and after; B's seeded partitions are compared item by item, every attribute of every type, once more
 * after all tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationOnMotoIT {
    private static final String TENANT_A = Tokens.TENANT;
    private static final String TENANT_B = "globex";
    private static final String B_DOCUMENT = "6a0c1e9b-3d54-4f7a-8b21-c9e04d7f5a13";
    private static final String B_PROMOTED = "0e5b7c2a-91d4-4a6f-b3e8-52f1c7a9d046";
    private static final String B_ARCHIVED = "f1d28a47-6c3e-4b95-a0d7-8e2b4c61f9a5";
    /** One document id that exists in both tenants, each with its own versions. */
    private static final String SHARED_DOCUMENT = "2c7e4f19-8a3b-4d60-9e15-b4a0d8c3f672";
    private static final String A_SHARED_PROMOTED = "93b1d6e4-2f8a-4c07-a5e9-1d7c3b80f254";
    private static final String B_SHARED_PROMOTED = "5d8f0a3c-7b12-4e69-8c4d-a2e6f91b07c8";
    /** An attribute only B's versions carry: if it ever shows up for A, B's content leaked. */
    private static final String B_SECRET = "b_secret";
    private static final String UNKNOWN_VERSION_MESSAGE = "source_version_id must refer to an existing version.";

    private final TestLogs logs = new TestLogs();
    private TestTable table;
    private Documents documents;
    private HandlerClient client;
    private Documents.Seeded documentOfA;
    private List<Map<String, AttributeValue>> seededItemsOfB;

    @BeforeAll
    void seedBothTenants() {
        table = TestTable.create(TestDatabase.endpoint(TestDatabase.Kind.MOTO));
        documents = new Documents(table);
        client = new HandlerClient(new CreateVersionHandler(Environment.of(table.handlerEnvironment()), logs.logger()));

        documentOfA = documents.withPromotedVersion(TENANT_A);
        seedDocument(TENANT_B, B_DOCUMENT, B_PROMOTED);
        documents.putVersion(TENANT_B, B_DOCUMENT, B_ARCHIVED, "archived", false, "Globex 2024");
        markSecret(B_DOCUMENT, B_ARCHIVED);
        seedDocument(TENANT_A, SHARED_DOCUMENT, A_SHARED_PROMOTED);
        seedDocument(TENANT_B, SHARED_DOCUMENT, B_SHARED_PROMOTED);
        seededItemsOfB = seededItemsOfB();
        assertThat(seededItemsOfB).hasSize(5);
    }

    @AfterAll
    void tenantBIsUntouchedAfterEverything() {
        assertThat(seededItemsOfB()).containsExactlyInAnyOrderElementsOf(seededItemsOfB);
    }

    // ---- B's documents are "not found" for A, exactly like ids that exist nowhere ------------------------------

    Stream<Arguments> requestsForAnotherTenantsDocument() {
        String viewerOfA = Tokens.bearer(Tokens.withRole("viewer"));
        String writerOfA = Tokens.bearer(Tokens.writer());
        return Stream.of(
                Arguments.of("clone promoted", writerOfA, "{}", 404),
                Arguments.of("clone B's promoted version by id", writerOfA, source(B_PROMOTED), 404),
                Arguments.of("clone B's archived version, named", writerOfA,
                        "{\"source_version_id\": \"" + B_ARCHIVED + "\", \"name\": \"Mine now\"}", 404),
                Arguments.of("viewer of A", viewerOfA, "{}", 403),
                Arguments.of("name too long", writerOfA, "{\"name\": \"" + "n".repeat(256) + "\"}", 400),
                Arguments.of("mass assignment", writerOfA, "{\"status\": \"published\"}", 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestsForAnotherTenantsDocument")
    void create_documentOfOtherTenant_answersExactlyLikeUnknownDocument(String name, String authorization,
            String body, int status) {
        var tableBefore = table.allItems();

        var foreign = client.post(B_DOCUMENT, body, "Authorization", authorization,
                "Idempotency-Key", "probe-" + UUID.randomUUID());
        var unknown = client.post(UUID.randomUUID().toString(), body, "Authorization", authorization,
                "Idempotency-Key", "probe-" + UUID.randomUUID());
        var foreignUpperCase = client.post(B_DOCUMENT.toUpperCase(), body, "Authorization", authorization);

        assertThat(foreign.status()).as(foreign.raw().getBody()).isEqualTo(status);
        assertIndistinguishable(foreign, unknown);
        assertIndistinguishable(foreignUpperCase, unknown);
        assertThat(table.allItems()).containsExactlyInAnyOrderElementsOf(tableBefore);
        assertThat(table.partition(TENANT_A, B_DOCUMENT)).isEmpty();
    }

    // ---- B's versions are "not an existing version" for A, exactly like random ids ----------------------------

    @ParameterizedTest
    @ValueSource(strings = {B_PROMOTED, B_ARCHIVED, B_SHARED_PROMOTED})
    void create_sourceVersionOfOtherTenant_answersExactlyLikeUnknownVersion(String versionOfB) {
        var tableBefore = table.allItems();

        var foreign = client.post(documentOfA.documentId(), source(versionOfB));
        var unknown = client.post(documentOfA.documentId(), source(UUID.randomUUID().toString()));

        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.message()).isEqualTo(UNKNOWN_VERSION_MESSAGE);
        assertIndistinguishable(foreign, unknown);
        assertThat(table.allItems()).containsExactlyInAnyOrderElementsOf(tableBefore);
    }

    @Test
    void create_documentIdBothTenantsUse_copiesOnlyTheCallersOwnVersion() {
        var ofB = client.post(SHARED_DOCUMENT, source(B_SHARED_PROMOTED));
        var clone = client.post(SHARED_DOCUMENT, "{}");

        assertThat(ofB.status()).isEqualTo(400);
        assertThat(ofB.message()).isEqualTo(UNKNOWN_VERSION_MESSAGE);
        assertThat(clone.status()).isEqualTo(201);
        assertThat(clone.raw().getBody()).doesNotContain(B_SECRET).doesNotContain(B_SHARED_PROMOTED);
        var draft = table.get(TestTable.partitionKey(TENANT_A, SHARED_DOCUMENT),
                "VERSION#" + clone.version().path("id").asText()).orElseThrow();
        assertThat(draft.get("source_version_id").s()).isEqualTo(A_SHARED_PROMOTED);
        assertThat(draft.get("tenant_id").s()).isEqualTo(TENANT_A);
        assertThat(draft).doesNotContainKey(B_SECRET);
        assertTenantBUntouched();
    }

    // ---- idempotency keys are the caller's tenant's own -------------------------------------------------------

    @ParameterizedTest(name = "{0} first, then {1}")
    @CsvSource({TENANT_B + ", " + TENANT_A, TENANT_A + ", " + TENANT_B})
    void create_idempotencyKeyOtherTenantUsedFirst_isNotReplayedAcrossTenants(String first, String second) {
        String documentId = UUID.randomUUID().toString();
        String firstVersion = UUID.randomUUID().toString();
        String secondVersion = UUID.randomUUID().toString();
        seedDocument(first, documentId, firstVersion);
        seedDocument(second, documentId, secondVersion);
        String key = "quarterly-" + UUID.randomUUID();
        String body = "{\"name\": \"Quarterly refresh\"}";

        var ofFirst = postAs(first, documentId, body, key);
        var ofSecond = postAs(second, documentId, body, key);
        var secondAgain = postAs(second, documentId, body, key);
        var firstAgain = postAs(first, documentId, body, key);

        assertThat(List.of(ofFirst, ofSecond, secondAgain, firstAgain))
                .allSatisfy(response -> assertThat(response.status()).as(response.raw().getBody()).isEqualTo(201));
        assertThat(ofSecond.header("Idempotent-Replayed")).isNull();
        assertThat(ofSecond.version().path("id")).isNotEqualTo(ofFirst.version().path("id"));
        assertThat(secondAgain.version()).isEqualTo(ofSecond.version());
        assertThat(firstAgain.version()).isEqualTo(ofFirst.version());
        assertDraftWithRecord(first, documentId, key, ofFirst, firstVersion);
        assertDraftWithRecord(second, documentId, key, ofSecond, secondVersion);
    }

    @Test
    void create_idempotencyKeyOfOtherTenantOnDocumentCallerLacks_answersLikeUnknownDocument() {
        String documentId = UUID.randomUUID().toString();
        seedDocument(TENANT_B, documentId, UUID.randomUUID().toString());
        String key = "nightly-" + UUID.randomUUID();
        var ofB = postAs(TENANT_B, documentId, "{}", key);
        var tableBefore = table.allItems();

        var ofA = postAs(TENANT_A, documentId, "{}", key);
        var unknown = postAs(TENANT_A, UUID.randomUUID().toString(), "{}", key);

        assertThat(ofB.status()).isEqualTo(201);
        assertThat(ofA.status()).isEqualTo(404);
        assertIndistinguishable(ofA, unknown);
        assertThat(ofA.raw().getBody()).doesNotContain(ofB.version().path("id").asText());
        assertThat(table.allItems()).containsExactlyInAnyOrderElementsOf(tableBefore);
    }

    // ---- a tenant claim cannot escape the key layout ----------------------------------------------------------

    Stream<Arguments> tenantClaimsOutsideTheLayout() {
        return Stream.of(
                Arguments.of(Named.of("B's partition key tail", TENANT_B + "#DOCUMENT#" + B_DOCUMENT)),
                Arguments.of(Named.of("B's whole partition key", TestTable.partitionKey(TENANT_B, B_DOCUMENT))),
                Arguments.of(Named.of("trailing separator", TENANT_B + "#")),
                Arguments.of(Named.of("leading separator", "#" + TENANT_B)),
                Arguments.of(Named.of("separator and sort key", TENANT_B + "#DOCUMENT")),
                Arguments.of(Named.of("leading space", " " + TENANT_B)),
                Arguments.of(Named.of("trailing space", TENANT_B + " ")),
                Arguments.of(Named.of("inner space", "glo bex")),
                Arguments.of(Named.of("newline", TENANT_B + "\n")),
                Arguments.of(Named.of("tab", TENANT_B + "\t")),
                Arguments.of(Named.of("NUL", TENANT_B + "\u0000")),
                Arguments.of(Named.of("zero-width space", TENANT_B + "\u200b")),
                Arguments.of(Named.of("fullwidth letters", "\uff47\uff4c\uff4f\uff42\uff45\uff58")),
                Arguments.of(Named.of("129 characters", "g".repeat(129))),
                Arguments.of(Named.of("4,000 characters", TENANT_B.repeat(667).substring(0, 4000))),
                Arguments.of(Named.of("empty", "")),
                Arguments.of(Named.of("absent", null)),
                Arguments.of(Named.of("number", 42)),
                Arguments.of(Named.of("boolean", true)),
                Arguments.of(Named.of("list", List.of(TENANT_B))),
                Arguments.of(Named.of("object", Map.of("id", TENANT_B))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tenantClaimsOutsideTheLayout")
    void create_tenantClaimOutsideKeyLayout_answers403AndWritesNothing(Object tenantClaim) {
        String token = Tokens.bearer(Tokens.mint(claims -> claims.claim("tenant", tenantClaim)));
        var tableBefore = table.allItems();

        var response = client.post(B_DOCUMENT, source(B_PROMOTED), "Authorization", token,
                "Idempotency-Key", "escape-" + UUID.randomUUID());
        var viewer = client.post(B_DOCUMENT, source(B_PROMOTED),
                "Authorization", Tokens.bearer(Tokens.withRole("viewer")));

        assertThat(response.status()).as(response.raw().getBody()).isEqualTo(403);
        assertThat(response.code()).isEqualTo("forbidden");
        assertIndistinguishable(response, viewer);
        assertThat(table.allItems()).containsExactlyInAnyOrderElementsOf(tableBefore);
    }

    /** Well-formed ids that merely resemble B (or the key words) name other tenants, which have nothing. */
    @ParameterizedTest
    @ValueSource(strings = {"GLOBEX", "Globex", "globex.", "globex-", "globex:acme", "DOCUMENT", "TENANT",
        "DOCUMENT.globex"})
    void create_tenantThatOnlyResemblesOther_findsNothingAndWritesNothing(String lookalike) {
        String token = Tokens.bearer(Tokens.writerOf(lookalike));
        var tableBefore = table.allItems();

        var foreign = client.post(B_DOCUMENT, source(B_PROMOTED), "Authorization", token);
        var unknown = client.post(UUID.randomUUID().toString(), source(B_PROMOTED), "Authorization", token);

        assertThat(foreign.status()).isEqualTo(404);
        assertIndistinguishable(foreign, unknown);
        assertThat(table.allItems()).containsExactlyInAnyOrderElementsOf(tableBefore);
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** Same status, same body byte for byte, same headers apart from the request id. */
    private static void assertIndistinguishable(HandlerClient.Response actual, HandlerClient.Response reference) {
        assertThat(actual.status()).isEqualTo(reference.status());
        assertThat(actual.raw().getBody()).isEqualTo(reference.raw().getBody());
        assertThat(withoutRequestId(actual)).isEqualTo(withoutRequestId(reference));
        assertThat(actual.raw().getMultiValueHeaders()).isEqualTo(reference.raw().getMultiValueHeaders());
        assertThat(actual.header("X-Request-Id")).isNotBlank().isNotEqualTo(reference.header("X-Request-Id"));
    }

    private static Map<String, String> withoutRequestId(HandlerClient.Response response) {
        Map<String, String> headers = new HashMap<>(response.raw().getHeaders());
        headers.remove("X-Request-Id");
        return headers;
    }

    private void assertTenantBUntouched() {
        assertThat(seededItemsOfB()).containsExactlyInAnyOrderElementsOf(seededItemsOfB);
    }

    /** Every item of the two documents B had before any test ran. */
    private List<Map<String, AttributeValue>> seededItemsOfB() {
        return Stream.concat(table.partition(TENANT_B, B_DOCUMENT).stream(),
                table.partition(TENANT_B, SHARED_DOCUMENT).stream()).toList();
    }

    /** A document with one promoted version; B's versions carry {@link #B_SECRET}. */
    private void seedDocument(String tenant, String documentId, String promotedVersionId) {
        documents.putDocument(tenant, documentId, promotedVersionId);
        documents.putVersion(tenant, documentId, promotedVersionId, "published", true, tenant + " policy");
        if (tenant.equals(TENANT_B)) {
            markSecret(documentId, promotedVersionId);
        }
    }

    private void markSecret(String documentId, String versionId) {
        Map<String, AttributeValue> version = new HashMap<>(table.get(TestTable.partitionKey(TENANT_B, documentId),
                "VERSION#" + versionId).orElseThrow());
        version.put(B_SECRET, AttributeValue.fromS("only " + TENANT_B + " may read this"));
        table.put(version);
    }

    private HandlerClient.Response postAs(String tenant, String documentId, String body, String idempotencyKey) {
        return client.post(documentId, body, "Authorization", Tokens.bearer(Tokens.writerOf(tenant)),
                "Idempotency-Key", idempotencyKey);
    }

    /** The tenant's partition holds exactly its own draft, copied from its own version, and its own record. */
    private void assertDraftWithRecord(String tenant, String documentId, String key, HandlerClient.Response created,
            String sourceVersionId) {
        String draftId = created.version().path("id").asText();
        var partition = table.partition(tenant, documentId);
        assertThat(partition).extracting(item -> item.get("sk").s()).containsExactlyInAnyOrder("DOCUMENT",
                "VERSION#" + sourceVersionId, "VERSION#" + draftId,
                "IDEMPOTENCY#" + IdempotencyKey.derived(key).hash());
        var draft = table.get(TestTable.partitionKey(tenant, documentId), "VERSION#" + draftId).orElseThrow();
        assertThat(draft.get("tenant_id").s()).isEqualTo(tenant);
        assertThat(draft.get("source_version_id").s()).isEqualTo(sourceVersionId);
        assertThat(draft.containsKey(B_SECRET)).isEqualTo(tenant.equals(TENANT_B));
        var record = table.get(TestTable.partitionKey(tenant, documentId),
                "IDEMPOTENCY#" + IdempotencyKey.derived(key).hash()).orElseThrow();
        assertThat(record.get("version_id").s()).isEqualTo(draftId);
    }

    private static String source(String versionId) {
        return "{\"source_version_id\": \"" + versionId + "\"}";
    }
}
