package com.orbiqhq.drafts.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orbiqhq.drafts.config.Environment;
import com.orbiqhq.drafts.testing.Documents;
import com.orbiqhq.drafts.testing.Ports;
import com.orbiqhq.drafts.testing.TestDatabase;
import com.orbiqhq.drafts.testing.TestLogs;
import com.orbiqhq.drafts.testing.TestTable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Scheduled drafts end to end against the real local database: exactly one draft per run however often it is
 * delivered, permanent failures reported without a retry, transient ones thrown for the scheduler to retry.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScheduledDraftOnMotoIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEDULE = "arn:aws:scheduler:us-east-1:123456789012:schedule/default/quarterly";
    private static final String RULE = "arn:aws:events:us-east-1:123456789012:rule/policy-refresh";

    private final TestLogs logs = new TestLogs();
    private TestTable table;
    private Documents documents;
    private ScheduledDraftHandler handler;

    @BeforeAll
    void startDatabase() {
        table = TestTable.create(TestDatabase.endpoint(TestDatabase.Kind.MOTO));
        documents = new Documents(table);
        handler = new ScheduledDraftHandler(Environment.of(table.handlerEnvironment()), logs.logger());
    }

    @Test
    void run_once_createsOneDraftWithTheCopiedContent() throws Exception {
        Documents.Seeded document = documents.withPromotedVersion("acme");

        JsonNode result = invoke(schedulerRun(document, "2025-04-01T06:00:00Z"));

        assertThat(result.path("outcome").asText()).isEqualTo("created");
        var draft = table.get(document.partitionKey(), "VERSION#" + result.path("version_id").asText()).orElseThrow();
        assertThat(draft).containsAllEntriesOf(Documents.contentOfEveryType());
        assertThat(draft.get("name").s()).isEqualTo("Quarterly review 2025-04-01");
        assertThat(draft.get("status").s()).isEqualTo("draft");
        assertThat(draft.get("source_version_id").s()).isEqualTo(document.promotedVersionId());
        assertThat(draft.get("created_by").s()).isEqualTo("schedule:default/quarterly");
        assertThat(draft.get("key").s()).isEqualTo(result.path("key").asText());
    }

    @Test
    void run_deliveredTwice_createsOneDraft() throws Exception {
        Documents.Seeded document = documents.withPromotedVersion("acme");
        String payload = schedulerRun(document, "2025-04-01T06:00:00Z");

        JsonNode first = invoke(payload);
        JsonNode again = invoke(payload);

        assertThat(first.path("outcome").asText()).isEqualTo("created");
        assertThat(again.path("outcome").asText()).isEqualTo("replayed");
        assertThat(again.path("version_id")).isEqualTo(first.path("version_id"));
        assertThat(drafts(document)).hasSize(1);
    }

    @Test
    void nextRun_createsTheNextDraft() throws Exception {
        Documents.Seeded document = documents.withPromotedVersion("acme");

        JsonNode april = invoke(schedulerRun(document, "2025-04-01T06:00:00Z"));
        JsonNode july = invoke(schedulerRun(document, "2025-07-01T06:00:00Z"));

        assertThat(july.path("outcome").asText()).isEqualTo("created");
        assertThat(july.path("version_id")).isNotEqualTo(april.path("version_id"));
        assertThat(drafts(document)).extracting(item -> item.get("name").s())
                .containsExactlyInAnyOrder("Quarterly review 2025-04-01", "Quarterly review 2025-07-01");
    }

    @Test
    void ruleEvent_deliveredTwice_createsOneDraftNamedForTheRule() throws Exception {
        Documents.Seeded document = documents.withPromotedVersion("acme");
        String event = "{\"version\": \"0\", \"id\": \"" + UUID.randomUUID() + "\", \"source\": \"reviews\","
                + " \"time\": \"2025-10-01T06:00:00Z\", \"resources\": [\"" + RULE + "\"], \"detail\": {"
                + "\"tenant_id\": \"acme\", \"document_id\": \"" + document.documentId() + "\","
                + " \"source_version_id\": \"" + document.archivedVersionId() + "\", \"name\": \"Refresh {date}\"}}";

        JsonNode first = invoke(event);
        JsonNode again = invoke(event);

        assertThat(again.path("version_id")).isEqualTo(first.path("version_id"));
        var draft = table.get(document.partitionKey(), "VERSION#" + first.path("version_id").asText()).orElseThrow();
        assertThat(draft.get("created_by").s()).isEqualTo("rule:policy-refresh");
        assertThat(draft.get("name").s()).isEqualTo("Refresh 2025-10-01");
        assertThat(draft.get("source_version_id").s()).isEqualTo(document.archivedVersionId());
        assertThat(drafts(document)).hasSize(1);
    }

    @Test
    void run_forAnUnknownDocument_returnsRejectedAndWritesNothing() throws Exception {
        var before = table.allItems();
        String payload = "{\"tenant_id\": \"acme\", \"document_id\": \"" + UUID.randomUUID() + "\","
                + " \"schedule_arn\": \"" + SCHEDULE + "\", \"scheduled_time\": \"2025-04-01T06:00:00Z\"}";

        JsonNode result = invoke(payload);

        assertThat(result.path("outcome").asText()).isEqualTo("rejected");
        assertThat(result.path("code").asText()).isEqualTo("not_found");
        assertThat(table.allItems()).containsExactlyInAnyOrderElementsOf(before);
        assertThat(logs.lines()).anySatisfy(line -> assertThat(line).contains("scheduled run rejected")
                .contains("not_found"));
    }

    @Test
    void run_withAnInvalidPayload_returnsRejectedAndWritesNothing() throws Exception {
        var before = table.allItems();

        JsonNode result = invoke("{\"tenant_id\": \"acme\", \"document_id\": \"not-a-uuid\"}");

        assertThat(result.path("outcome").asText()).isEqualTo("rejected");
        assertThat(result.path("code").asText()).isEqualTo("validation_failed");
        assertThat(table.allItems()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void run_withAnUnreadableTime_returnsRejectedInsteadOfThrowing() throws Exception {
        String payload = "{\"id\": \"e-1\", \"time\": \"-1000000000-01-01T00:00:00Z\", \"detail\": {"
                + "\"tenant_id\": \"acme\", \"document_id\": \"" + UUID.randomUUID() + "\", \"name\": \"{date}\"}}";

        JsonNode result = invoke(payload);

        assertThat(result.path("outcome").asText()).isEqualTo("rejected");
        assertThat(result.path("code").asText()).isEqualTo("validation_failed");
    }

    @Test
    void run_whenNothingIsPromoted_returnsRejected() throws Exception {
        Documents.Seeded document = documents.withoutPromotedVersion("acme");

        JsonNode result = invoke(schedulerRun(document, "2025-04-01T06:00:00Z"));

        assertThat(result.path("outcome").asText()).isEqualTo("rejected");
        assertThat(drafts(document)).isEmpty();
    }

    @Test
    void run_forAnotherTenantsDocument_cannotTouchIt() throws Exception {
        Documents.Seeded foreign = documents.withPromotedVersion("globex");
        var before = table.partition("globex", foreign.documentId());
        String payload = "{\"tenant_id\": \"acme\", \"document_id\": \"" + foreign.documentId() + "\","
                + " \"source_version_id\": \"" + foreign.promotedVersionId() + "\","
                + " \"schedule_arn\": \"" + SCHEDULE + "\", \"scheduled_time\": \"2025-04-01T06:00:00Z\"}";

        JsonNode result = invoke(payload);

        assertThat(result.path("outcome").asText()).isEqualTo("rejected");
        assertThat(result.path("code").asText()).isEqualTo("not_found");
        assertThat(table.partition("globex", foreign.documentId())).containsExactlyInAnyOrderElementsOf(before);
        assertThat(table.partition("acme", foreign.documentId())).isEmpty();
    }

    @Test
    void run_whenTheDatabaseIsUnreachable_throwsSoTheSchedulerRetries() {
        Map<String, String> env = new HashMap<>(table.handlerEnvironment());
        env.put("DYNAMODB_ENDPOINT", "http://127.0.0.1:" + Ports.closedPort());
        var unreachable = new ScheduledDraftHandler(Environment.of(env), logs.logger());
        String payload = "{\"tenant_id\": \"acme\", \"document_id\": \"" + UUID.randomUUID() + "\","
                + " \"schedule_arn\": \"" + SCHEDULE + "\", \"scheduled_time\": \"2025-04-01T06:00:00Z\"}";

        assertThatThrownBy(() -> invoke(unreachable, payload))
                .isInstanceOf(ScheduledDraftHandler.ScheduledRunFailed.class)
                .hasMessageContaining("will be retried");
    }

    @Test
    void run_whileTheSameRunIsStillInFlight_throwsSoItIsRetriedLater() {
        Documents.Seeded document = documents.withPromotedVersion("acme");
        String payload = schedulerRun(document, "2025-04-01T06:00:00Z");
        var command = ScheduledRunParser.parse(payload.getBytes(StandardCharsets.UTF_8)).command();
        table.put(Map.of(
                "pk", AttributeValue.fromS(document.partitionKey()),
                "sk", AttributeValue.fromS("IDEMPOTENCY#" + command.idempotencyKey().hash()),
                "request_hash", AttributeValue.fromS(command.fingerprint()),
                "status", AttributeValue.fromS("IN_PROGRESS"),
                "lock_token", AttributeValue.fromS("another-delivery"),
                "locked_until_ms", AttributeValue.fromN(Long.toString(Instant.now().toEpochMilli() + 60_000)),
                "expires_at", AttributeValue.fromN(Long.toString(Instant.now().getEpochSecond() + 86_400))));

        assertThatThrownBy(() -> invoke(payload)).isInstanceOf(ScheduledDraftHandler.ScheduledRunFailed.class);
        assertThat(drafts(document)).isEmpty();
    }

    private String schedulerRun(Documents.Seeded document, String scheduledTime) {
        return "{\"tenant_id\": \"" + document.tenant() + "\", \"document_id\": \"" + document.documentId() + "\","
                + " \"source_version_id\": \"current\", \"name\": \"Quarterly review {date}\","
                + " \"schedule_arn\": \"" + SCHEDULE + "\", \"scheduled_time\": \"" + scheduledTime + "\"}";
    }

    private JsonNode invoke(String payload) throws IOException {
        return invoke(handler, payload);
    }

    private static JsonNode invoke(ScheduledDraftHandler target, String payload) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        target.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), output, null);
        return JSON.readTree(output.toByteArray());
    }

    private List<Map<String, AttributeValue>> drafts(Documents.Seeded document) {
        return table.partition(document.tenant(), document.documentId()).stream()
                .filter(item -> item.containsKey("status") && "draft".equals(item.get("status").s()))
                .toList();
    }
}
