package com.orbiqhq.drafts.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.orbiqhq.drafts.api.CreateVersionHandler;
import com.orbiqhq.drafts.config.Environment;
import com.orbiqhq.drafts.testing.TestLogs;
import com.orbiqhq.drafts.testing.Tokens;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A DynamoDB endpoint that throttles every call, the way DynamoDB answers when a partition is overloaded: the SDK
 * retries with backoff, then the service answers 503 with Retry-After instead of failing or hanging.
 */
class ThrottledDatabaseTest {
    private static final String THROTTLED = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
            + "ProvisionedThroughputExceededException\",\"message\":\"The level of configured provisioned throughput"
            + " for the table was exceeded.\"}";

    private final AtomicInteger calls = new AtomicInteger();
    private HttpServer dynamoDb;

    @BeforeEach
    void startThrottlingEndpoint() throws IOException {
        dynamoDb = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        dynamoDb.createContext("/", exchange -> {
            calls.incrementAndGet();
            byte[] body = THROTTLED.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(400, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        dynamoDb.start();
    }

    @AfterEach
    void stop() {
        dynamoDb.stop(0);
    }

    @Test
    void create_whenDatabaseKeepsThrottling_retriesThenAnswers503WithRetryAfter() {
        Map<String, String> env = new HashMap<>(Tokens.ENVIRONMENT);
        env.put("TABLE_NAME", "documents");
        env.put("DYNAMODB_ENDPOINT", "http://127.0.0.1:" + dynamoDb.getAddress().getPort());
        var client = new HandlerClient(new CreateVersionHandler(Environment.of(env), new TestLogs().logger()));

        var response = client.post(UUID.randomUUID().toString(), "{}");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.code()).isEqualTo("service_unavailable");
        assertThat(response.header("Retry-After")).isEqualTo("2");
        assertThat(response.message()).isEqualTo("The service is temporarily unavailable; retry later.");
        assertThat(calls.get()).as("the SDK retried the throttled read before giving up").isEqualTo(3);
    }
}
