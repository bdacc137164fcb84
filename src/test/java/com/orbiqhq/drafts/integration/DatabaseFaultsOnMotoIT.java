package com.orbiqhq.drafts.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.orbiqhq.drafts.api.CreateVersionHandler;
import com.orbiqhq.drafts.config.Environment;
import com.orbiqhq.drafts.local.LocalContext;
import com.orbiqhq.drafts.testing.Documents;
import com.orbiqhq.drafts.testing.Ports;
import com.orbiqhq.drafts.testing.ScriptedDynamoDb;
import com.orbiqhq.drafts.testing.ScriptedDynamoDb.Reply;
import com.orbiqhq.drafts.testing.TestDatabase;
import com.orbiqhq.drafts.testing.TestLogs;
import com.orbiqhq.drafts.testing.TestTable;
import com.orbiqhq.drafts.testing.Tokens;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Database faults with a real table behind them: a scripted endpoint in front of moto fails chosen calls and passes
 * the rest on, so each test checks both what the client is told and what the table holds afterwards. A 503 must
 * come inside the invocation's remaining time and leave the table as it was; a fault that clears must end in
 * exactly one draft.
 */
class DatabaseFaultsOnMotoIT {
    /** Lambda's remaining time in these invocations: short, so that an answer after it would show. */
    private static final Duration REMAINING = Duration.ofSeconds(4);
    private static final String[] EVERY_CALL = {"GetItem", "BatchGetItem", "PutItem", "UpdateItem", "DeleteItem",
        "TransactWriteItems"};

    private TestTable table;
    private Documents.Seeded document;
    private ScriptedDynamoDb faults;

    @BeforeEach
    void seed() {
        table = TestTable.create(TestDatabase.endpoint(TestDatabase.Kind.MOTO));
        document = new Documents(table).withPromotedVersion(Tokens.TENANT);
    }

    @AfterEach
    void stop() {
        if (faults != null) {
            faults.close();
        }
    }

    @Test
    void create_whenDatabaseIsUnreachable_answers503InTimeAndWritesNothing() {
        HandlerClient client = clientFor("http://127.0.0.1:" + Ports.closedPort());

        assertAnswered503InTimeWritingNothing(client);
    }

    @Test
    void create_whenDatabaseAcceptsButNeverAnswers_answers503InTimeAndWritesNothing() throws IOException {
        faults = ScriptedDynamoDb.inFrontOf(table.endpoint(), 0);
        for (String operation : EVERY_CALL) {
            faults.always(operation, Reply.hang());
        }
        HandlerClient client = clientFor(faults.endpoint());

        assertAnswered503InTimeWritingNothing(client);
    }

    /** A create is answered 503 with Retry-After before the invocation's time is up, and the table is as it was. */
    private void assertAnswered503InTimeWritingNothing(HandlerClient client) {
        var before = table.allItems();
        var context = invocation();

        var response = client.post(context, document.documentId(), "{}");

        assertUnavailable(response);
        assertThat(response.remainingMillis()).as("answered before Lambda gives up").isPositive();
        assertThat(table.allItems()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void create_whenOnlyTheWriteNeverAnswers_answers503InTimeAndARetryWithTheSameKeyCreatesOneDraft()
            throws Exception {
        var before = table.allItems();
        long invocationEnds = System.currentTimeMillis() + REMAINING.toMillis();
        faults = ScriptedDynamoDb.inFrontOf(table.endpoint(), 0).always("TransactWriteItems", Reply.hang());
        HandlerClient client = clientFor(faults.endpoint());
        var context = invocation();

        var response = client.post(context, document.documentId(), "{}", "Idempotency-Key", "stuck-write");

        assertUnavailable(response);
        assertThat(response.remainingMillis()).as("answered before Lambda gives up").isPositive();
        assertThat(faults.calls("GetItem")).as("the reads went through").isPositive();
        var after = table.allItems();
        assertThat(after).as("no draft, no new stamp").containsAll(before).hasSize(before.size() + 1);
        // The write used up the time to release the key: its claim stays, and lapses when the invocation ends.
        var claim = after.stream().filter(item -> !before.contains(item)).findFirst().orElseThrow();
        assertThat(claim.get("sk").s()).startsWith("IDEMPOTENCY#");
        assertThat(claim).doesNotContainKey("version_id");
        long lapses = Long.parseLong(claim.get("locked_until_ms").n());
        assertThat(lapses).isLessThanOrEqualTo(invocationEnds);

        Thread.sleep(Math.max(0, lapses - System.currentTimeMillis() + 10));
        faults.always("TransactWriteItems", Reply.forward());
        var retried = client.post(invocation(), document.documentId(), "{}", "Idempotency-Key", "stuck-write");

        assertThat(retried.status()).isEqualTo(201);
        assertThat(drafts()).singleElement()
                .satisfies(draft -> assertThat(draft.get("id").s()).isEqualTo(retried.version().path("id").asText()));
    }

    @Test
    void create_whenTheTransactionStaysThrottled_retriesWithBackoffThenAnswers503AndWritesNothing()
            throws IOException {
        var before = table.allItems();
        faults = ScriptedDynamoDb.inFrontOf(table.endpoint(), 0)
                .always("TransactWriteItems", Reply.cancelled("None", "None", "ThrottlingError", "None"));
        HandlerClient client = clientFor(faults.endpoint());
        var context = invocation();

        var response = client.post(context, document.documentId(), "{}", "Idempotency-Key", "throttled");

        assertUnavailable(response);
        assertThat(response.remainingMillis()).as("answered before Lambda gives up").isPositive();
        assertThat(faults.calls("TransactWriteItems")).as("retried, not given up at once").isGreaterThan(2);
        assertThat(table.allItems()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void create_afterThrottlingClears_theSameIdempotencyKeyCreatesTheDraftOnce() throws IOException {
        faults = ScriptedDynamoDb.inFrontOf(table.endpoint(), 0)
                .always("TransactWriteItems", Reply.cancelled("ThrottlingError", "None", "None", "None"));
        HandlerClient client = clientFor(faults.endpoint());
        assertUnavailable(client.post(invocation(), document.documentId(), "{}", "Idempotency-Key", "retry-me"));

        faults.always("TransactWriteItems", Reply.forward());
        var created = client.post(invocation(), document.documentId(), "{}", "Idempotency-Key", "retry-me");
        var repeated = client.post(invocation(), document.documentId(), "{}", "Idempotency-Key", "retry-me");

        assertThat(created.status()).isEqualTo(201);
        assertThat(repeated.status()).isEqualTo(201);
        assertThat(repeated.version()).isEqualTo(created.version());
        assertThat(drafts()).singleElement()
                .satisfies(draft -> assertThat(draft.get("id").s()).isEqualTo(created.version().path("id").asText()));
    }

    /** A transaction refused once, throttled or in conflict with another writer's, is retried from a new read. */
    @ParameterizedTest
    @ValueSource(strings = {"ThrottlingError", "TransactionConflict"})
    void create_afterOneRefusedTransaction_readsAgainAndStoresExactlyOneDraft(String reason) throws IOException {
        faults = ScriptedDynamoDb.inFrontOf(table.endpoint(), 0)
                .then("TransactWriteItems", Reply.cancelled(reason, "None", "None"));
        HandlerClient client = clientFor(faults.endpoint());

        var response = client.post(invocation(), document.documentId(), "{\"name\": \"After " + reason + "\"}");

        assertThat(response.status()).isEqualTo(201);
        assertThat(faults.calls("TransactWriteItems")).isEqualTo(2);
        assertThat(drafts()).singleElement().satisfies(draft -> {
            assertThat(draft.get("id").s()).isEqualTo(response.version().path("id").asText());
            assertThat(draft.get("name").s()).isEqualTo("After " + reason);
        });
        assertThat(table.get(document.partitionKey(), "DOCUMENT").orElseThrow().get("last_draft_key_ms").n())
                .isEqualTo(response.version().path("key").asText().substring("draft_".length()));
    }

    @Test
    void functionStartedWhileTheDatabaseIsUnreachable_servesOnceItIsBack() throws IOException {
        int port = Ports.closedPort();
        HandlerClient client = clientFor("http://127.0.0.1:" + port);
        assertUnavailable(client.post(invocation(), document.documentId(), "{}"));

        faults = ScriptedDynamoDb.inFrontOf(table.endpoint(), port);
        var response = client.post(invocation(), document.documentId(), "{}");

        assertThat(response.status()).isEqualTo(201);
        assertThat(drafts()).singleElement()
                .satisfies(draft -> assertThat(draft.get("id").s()).isEqualTo(response.version().path("id").asText()));
    }

    private HandlerClient clientFor(String endpoint) {
        Map<String, String> env = new HashMap<>(table.handlerEnvironment());
        env.put("DYNAMODB_ENDPOINT", endpoint);
        return new HandlerClient(new CreateVersionHandler(Environment.of(env), new TestLogs().logger()));
    }

    private static LocalContext invocation() {
        return new LocalContext(UUID.randomUUID().toString(), REMAINING);
    }

    private List<Map<String, AttributeValue>> drafts() {
        return table.partition(document.tenant(), document.documentId()).stream()
                .filter(item -> item.containsKey("status") && "draft".equals(item.get("status").s()))
                .toList();
    }

    private static void assertUnavailable(HandlerClient.Response response) {
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.code()).isEqualTo("service_unavailable");
        assertThat(response.header("Retry-After")).isEqualTo("2");
    }
}
