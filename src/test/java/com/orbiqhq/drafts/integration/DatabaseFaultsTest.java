package com.orbiqhq.drafts.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.orbiqhq.drafts.api.CreateVersionHandler;
import com.orbiqhq.drafts.config.Environment;
import com.orbiqhq.drafts.testing.ScriptedDynamoDb;
import com.orbiqhq.drafts.testing.ScriptedDynamoDb.Reply;
import com.orbiqhq.drafts.testing.TestLogs;
import com.orbiqhq.drafts.testing.Tokens;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Database faults a local database cannot be made to produce on demand, scripted at the protocol level: the
 * service must retry what can clear, answer 503 with Retry-After when it does not, and 500 for the unknown.
 */
class DatabaseFaultsTest {
    private static final String DOCUMENT_ID = "3f0e8a52-6d1b-4c8e-9a57-2b4f7c1d9e60";
    private static final String SOURCE_ID = "8c2d4b1e-5a7f-4e3c-b9d0-1f6a2e8c7b45";
    private static final String ITEM = "{\"Item\":{\"pk\":{\"S\":\"TENANT#acme#DOCUMENT#" + DOCUMENT_ID + "\"},"
            + "\"sk\":{\"S\":\"any\"},\"active_version_id\":{\"S\":\"" + SOURCE_ID + "\"},"
            + "\"id\":{\"S\":\"" + SOURCE_ID + "\"},\"revision\":{\"N\":\"3\"},\"title\":{\"S\":\"Policy\"}}}";

    /** The document item as a batch read returns it (no "Item" wrapper), keyed as the document. */
    private static final String BARE_ITEM = "{\"pk\":{\"S\":\"TENANT#acme#DOCUMENT#" + DOCUMENT_ID + "\"},"
            + "\"sk\":{\"S\":\"DOCUMENT\"},\"active_version_id\":{\"S\":\"" + SOURCE_ID + "\"},"
            + "\"id\":{\"S\":\"" + SOURCE_ID + "\"},\"revision\":{\"N\":\"3\"},\"title\":{\"S\":\"Policy\"}}";

    private ScriptedDynamoDb dynamoDb;
    private HandlerClient client;

    @BeforeEach
    void start() throws IOException {
        dynamoDb = new ScriptedDynamoDb().always("GetItem", Reply.ok(ITEM));
        Map<String, String> env = new HashMap<>(Tokens.ENVIRONMENT);
        env.put("TABLE_NAME", "documents");
        env.put("DYNAMODB_ENDPOINT", dynamoDb.endpoint());
        client = new HandlerClient(new CreateVersionHandler(Environment.of(env), new TestLogs().logger()));
    }

    @AfterEach
    void stop() {
        dynamoDb.close();
    }

    @Test
    void create_whenReadsKeepBeingThrottled_retriesThenAnswers503WithRetryAfter() {
        dynamoDb.always("GetItem", Reply.error("ProvisionedThroughputExceededException", ""));

        var response = client.post(DOCUMENT_ID, "{}");

        assertUnavailable(response);
        assertThat(dynamoDb.calls("GetItem")).as("the SDK retried the throttled read").isEqualTo(3);
    }

    @Test
    void create_whenTransactionIsThrottledOnce_readsAgainAndSucceeds() {
        dynamoDb.then("TransactWriteItems", Reply.cancelled("None", "None", "ThrottlingError"))
                .always("TransactWriteItems", Reply.ok("{}"));

        var response = client.post(DOCUMENT_ID, "{}");

        assertThat(response.status()).isEqualTo(201);
        List<String> transactions = dynamoDb.requests("TransactWriteItems");
        assertThat(transactions).hasSize(2);
        assertThat(transactions.get(1)).as("a new attempt, with a new draft and token")
                .contains("\"ClientRequestToken\":\"" + response.version().path("id").asText() + "\"")
                .isNotEqualTo(transactions.get(0));
    }

    @Test
    void create_whenTransactionStaysThrottled_retriesThenAnswers503WithRetryAfter() {
        dynamoDb.always("TransactWriteItems", Reply.cancelled("ThrottlingError", "None", "None"));

        var response = client.post(DOCUMENT_ID, "{}");

        assertUnavailable(response);
        assertThat(dynamoDb.calls("TransactWriteItems")).as("retried with backoff until the deadline")
                .isGreaterThan(2);
    }

    @Test
    void create_afterATransactionConflict_readsAgainAndSucceeds() {
        dynamoDb.then("TransactWriteItems", Reply.cancelled("None", "TransactionConflict", "None"))
                .always("TransactWriteItems", Reply.ok("{}"));

        var response = client.post(DOCUMENT_ID, "{}");

        assertThat(response.status()).isEqualTo(201);
        assertThat(dynamoDb.calls("TransactWriteItems")).isEqualTo(2);
        assertThat(dynamoDb.calls("GetItem")).as("document and source read again for the second attempt")
                .isEqualTo(4);
    }

    @Test
    void create_whenOurOwnTransactionIsStillInProgress_asksAgainWithTheSameTokenAndSucceeds() {
        dynamoDb.then("TransactWriteItems", Reply.error("TransactionInProgressException", ""))
                .always("TransactWriteItems", Reply.ok("{}"));

        var response = client.post(DOCUMENT_ID, "{}");

        assertThat(response.status()).isEqualTo(201);
        List<String> transactions = dynamoDb.requests("TransactWriteItems");
        assertThat(transactions).hasSize(2);
        assertThat(transactions.get(1)).as("the same transaction, same ClientRequestToken")
                .isEqualTo(transactions.get(0))
                .contains("\"ClientRequestToken\":\"" + response.version().path("id").asText() + "\"");
        assertThat(dynamoDb.calls("GetItem")).as("nothing read again").isEqualTo(2);
    }

    @Test
    void create_whenOurOwnTransactionStaysInProgress_answers503BeforeTheDeadline() {
        dynamoDb.always("TransactWriteItems", Reply.error("TransactionInProgressException", ""));

        var response = client.post(DOCUMENT_ID, "{}");

        assertUnavailable(response);
        assertThat(dynamoDb.calls("TransactWriteItems")).isGreaterThan(2);
    }

    @Test
    void create_fromANamedVersionWhoseKeysComeBackUnprocessed_asksForThemAgain() {
        String table = "{\"Responses\":{\"documents\":[" + BARE_ITEM + "]},";
        dynamoDb.then("BatchGetItem", Reply.ok(table + "\"UnprocessedKeys\":{\"documents\":{\"Keys\":[{\"pk\":"
                        + "{\"S\":\"p\"},\"sk\":{\"S\":\"VERSION#" + SOURCE_ID + "\"}}],\"ConsistentRead\":true}}}"))
                .always("BatchGetItem", Reply.ok(table.replace("\"DOCUMENT\"", "\"VERSION#" + SOURCE_ID + "\"")
                        + "\"UnprocessedKeys\":{}}"))
                .always("TransactWriteItems", Reply.ok("{}"));

        var response = client.post(DOCUMENT_ID, "{\"source_version_id\": \"" + SOURCE_ID + "\"}");

        assertThat(response.status()).isEqualTo(201);
        assertThat(dynamoDb.calls("BatchGetItem")).isEqualTo(2);
        assertThat(dynamoDb.requests("BatchGetItem").get(1)).as("only the unprocessed key asked for again")
                .contains("VERSION#" + SOURCE_ID).doesNotContain("\"DOCUMENT\"");
        assertThat(dynamoDb.calls("GetItem")).isZero();
    }

    @Test
    void create_fromANamedVersionWhenTheBatchReadIsThrottled_answers503WithRetryAfter() {
        dynamoDb.always("BatchGetItem", Reply.error("ProvisionedThroughputExceededException", ""));

        var response = client.post(DOCUMENT_ID, "{\"source_version_id\": \"" + SOURCE_ID + "\"}");

        assertUnavailable(response);
        assertThat(dynamoDb.calls("TransactWriteItems")).isZero();
    }

    @Test
    void create_fromANamedVersionWhoseKeysStayUnprocessed_answers503BeforeTheDeadline() {
        dynamoDb.always("BatchGetItem", Reply.ok("{\"Responses\":{},\"UnprocessedKeys\":{\"documents\":{\"Keys\":["
                + "{\"pk\":{\"S\":\"p\"},\"sk\":{\"S\":\"DOCUMENT\"}}],\"ConsistentRead\":true}}}"));

        var response = client.post(DOCUMENT_ID, "{\"source_version_id\": \"" + SOURCE_ID + "\"}");

        assertUnavailable(response);
        assertThat(dynamoDb.calls("BatchGetItem")).isGreaterThan(2);
        assertThat(dynamoDb.calls("TransactWriteItems")).isZero();
    }

    @Test
    void create_whenConflictsNeverClear_answers503BeforeTheDeadline() {
        dynamoDb.always("TransactWriteItems", Reply.cancelled("TransactionConflict", "None", "None"));

        var response = client.post(DOCUMENT_ID, "{}");

        assertUnavailable(response);
        assertThat(dynamoDb.calls("TransactWriteItems")).isGreaterThan(1);
    }

    @Test
    void create_whenCancellationReasonIsUnknown_answers500WithoutDetail() {
        dynamoDb.always("TransactWriteItems", Reply.cancelled("ValidationError", "None", "None"));

        var response = client.post(DOCUMENT_ID, "{}");

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.code()).isEqualTo("internal_error");
        assertThat(response.raw().getBody()).doesNotContain("ValidationError").doesNotContain("scripted");
        assertThat(dynamoDb.calls("TransactWriteItems")).isEqualTo(1);
    }

    @Test
    void create_whenDatabaseAnswers500_answers503() {
        dynamoDb.always("GetItem", new Reply(500, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
                + "InternalServerError\",\"message\":\"scripted\"}"));

        var response = client.post(DOCUMENT_ID, "{}");

        assertUnavailable(response);
    }

    private static void assertUnavailable(HandlerClient.Response response) {
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.code()).isEqualTo("service_unavailable");
        assertThat(response.header("Retry-After")).isEqualTo("2");
        assertThat(response.message()).isEqualTo("The service is temporarily unavailable; retry later.");
        assertThat(response.raw().getBody()).doesNotContain("scripted");
    }
}
