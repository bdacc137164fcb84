package com.orbiqhq.drafts.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.orbiqhq.drafts.config.Environment;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What the function's client puts on the wire, seen by a server that records each request. */
class DynamoDbClientsTest {
    private static final byte[] ITEM = "{\"Item\":{\"pk\":{\"S\":\"a\"}}}".getBytes(StandardCharsets.UTF_8);

    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            requests.add(new Recorded(exchange.getRequestHeaders().getFirst("Content-Length"),
                    exchange.getRequestHeaders().getFirst("Transfer-Encoding"),
                    exchange.getRequestHeaders().getFirst("Authorization"), body));
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(200, ITEM.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(ITEM);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void create_sendsEveryBodyWholeWithItsLengthAndSigned() {
        try (DynamoDbClient client = DynamoDbClients.create(Environment.of(Map.of(
                "DYNAMODB_ENDPOINT", "http://127.0.0.1:" + server.getAddress().getPort(),
                "AWS_REGION", "eu-west-1")))) {
            for (int i = 0; i < 3; i++) {
                var item = client.getItem(get -> get.tableName("t").key(Map.of("pk", AttributeValue.fromS("a"))))
                        .item();
                assertThat(item).containsEntry("pk", AttributeValue.fromS("a"));
            }
        }

        assertThat(requests).hasSize(3).allSatisfy(request -> {
            assertThat(request.transferEncoding()).isNull();
            assertThat(request.contentLength()).isEqualTo(Integer.toString(request.body().length));
            assertThat(new String(request.body(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"TableName\":\"t\",\"Key\":{\"pk\":{\"S\":\"a\"}}}");
            assertThat(request.authorization()).startsWith("AWS4-HMAC-SHA256 Credential=local/")
                    .contains("/eu-west-1/dynamodb/aws4_request");
        });
    }

    private record Recorded(String contentLength, String transferEncoding, String authorization, byte[] body) {
    }
}
