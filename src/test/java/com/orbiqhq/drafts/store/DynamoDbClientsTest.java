package com.orbiqhq.drafts.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.orbiqhq.drafts.config.Environment;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            requests.add(new Recorded(headers, body));
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
            assertThat(request.headers()).doesNotContainKey("transfer-encoding")
                    .containsEntry("content-length", Integer.toString(request.body().length));
            assertThat(new String(request.body(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"TableName\":\"t\",\"Key\":{\"pk\":{\"S\":\"a\"}}}");
            assertThat(request.headers().get("authorization"))
                    .as("a SigV4 signature over the request exactly as it arrived, body included")
                    .isEqualTo(SigV4.authorization(request.headers(), request.body(), "local", "eu-west-1"));
        });
    }

    @Test
    void create_timesItsCallsOnOneDaemonThreadOfItsOwn() {
        // Other tests load the function in class loaders of their own, each with its own timer: count what is new.
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        try (DynamoDbClient client = DynamoDbClients.create(Environment.of(Map.of(
                "DYNAMODB_ENDPOINT", "http://127.0.0.1:" + server.getAddress().getPort(),
                "AWS_REGION", "eu-west-1")))) {
            for (int i = 0; i < 6; i++) {
                client.getItem(get -> get.tableName("t").key(Map.of("pk", AttributeValue.fromS("a"))));
            }

            assertThat(threadsStartedSince(before, "dynamodb-call-timeout")).as("timer threads started by six calls")
                    .hasSizeLessThanOrEqualTo(1).allSatisfy(thread -> assertThat(thread.isDaemon()).isTrue());
            assertThat(threadsStartedSince(before, "sdk-ScheduledExecutor")).as("the SDK's own scheduler threads")
                    .isEmpty();
            assertThat(threadsStartedSince(Set.of(), "dynamodb-call-timeout")).as("a timer thread is running")
                    .isNotEmpty();
        }
    }

    private static List<Thread> threadsStartedSince(Set<Thread> before, String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith(prefix) && !before.contains(thread))
                .toList();
    }

    private record Recorded(Map<String, String> headers, byte[] body) {
    }

    /**
     * Signature Version 4 computed here, independently of the SDK, from what the server received: if the JDK had
     * sent a header or a body other than the ones signed, the signatures would differ.
     */
    private static final class SigV4 {
        static String authorization(Map<String, String> headers, byte[] body, String secret, String region) {
            String authorization = headers.get("authorization");
            String credential = authorization.replaceAll(".*Credential=([^,]+),.*", "$1");
            String signedHeaders = authorization.replaceAll(".*SignedHeaders=([^,]+),.*", "$1");
            String amzDate = headers.get("x-amz-date");
            String scope = amzDate.substring(0, 8) + "/" + region + "/dynamodb/aws4_request";

            StringBuilder canonical = new StringBuilder("POST\n/\n\n");
            for (String name : signedHeaders.split(";")) {
                canonical.append(name).append(':').append(headers.get(name).trim()).append('\n');
            }
            canonical.append('\n').append(signedHeaders).append('\n').append(hex(sha256(body)));
            String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                    + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));

            byte[] key = ("AWS4" + secret).getBytes(StandardCharsets.UTF_8);
            for (String part : List.of(amzDate.substring(0, 8), region, "dynamodb", "aws4_request")) {
                key = hmac(key, part);
            }
            return "AWS4-HMAC-SHA256 Credential=" + credential + ", SignedHeaders=" + signedHeaders
                    + ", Signature=" + hex(hmac(key, toSign));
        }

        private static byte[] sha256(byte[] data) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(data);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private static byte[] hmac(byte[] key, String data) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String hex(byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
    }
}
