package com.orbiqhq.drafts.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP endpoint that answers DynamoDB's JSON protocol from a script, for faults a real local database
 * cannot be made to produce on demand (throttling, transaction conflicts, unknown cancellation reasons). Each
 * operation answers its queued replies in order, then its default reply for ever.
 */
public final class ScriptedDynamoDb implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, Deque<Reply>> queued = new ConcurrentHashMap<>();
    private final Map<String, Reply> defaults = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, List<String>> bodies = new ConcurrentHashMap<>();

    /** One HTTP answer. */
    public record Reply(int status, String body) {
        public static Reply ok(String body) {
            return new Reply(200, body);
        }

        /** A DynamoDB client error of the given type, e.g. {@code ProvisionedThroughputExceededException}. */
        public static Reply error(String type, String extraFields) {
            return new Reply(400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + type + "\","
                    + "\"message\":\"scripted " + type + "\"" + extraFields + "}");
        }

        /** A cancelled transaction whose parts failed for the given reason codes, in order. */
        public static Reply cancelled(String... codes) {
            StringBuilder reasons = new StringBuilder();
            for (String code : codes) {
                reasons.append(reasons.isEmpty() ? "" : ",").append("{\"Code\":\"").append(code).append("\"}");
            }
            return new Reply(400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#TransactionCanceledException\","
                    + "\"Message\":\"Transaction cancelled\",\"CancellationReasons\":[" + reasons + "]}");
        }
    }

    public ScriptedDynamoDb() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers every call of an operation (GetItem, TransactWriteItems, ...) once its queue is empty. */
    public ScriptedDynamoDb always(String operation, Reply reply) {
        defaults.put(operation, reply);
        return this;
    }

    /** Answers the next calls of an operation with these replies, in order. */
    public ScriptedDynamoDb then(String operation, Reply... replies) {
        Deque<Reply> queue = queued.computeIfAbsent(operation, name -> new ArrayDeque<>());
        synchronized (queue) {
            queue.addAll(List.of(replies));
        }
        return this;
    }

    /** The bodies of the calls of an operation, in order. */
    public List<String> requests(String operation) {
        return List.copyOf(bodies.getOrDefault(operation, List.of()));
    }

    public int calls(String operation) {
        AtomicInteger count = calls.get(operation);
        return count == null ? 0 : count.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
        bodies.computeIfAbsent(operation, name -> new CopyOnWriteArrayList<>()).add(request);
        calls.computeIfAbsent(operation, name -> new AtomicInteger()).incrementAndGet();

        Reply reply = next(operation);
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
        exchange.sendResponseHeaders(reply.status(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private Reply next(String operation) {
        Deque<Reply> queue = queued.get(operation);
        if (queue != null) {
            synchronized (queue) {
                if (!queue.isEmpty()) {
                    return queue.removeFirst();
                }
            }
        }
        return defaults.getOrDefault(operation, Reply.error("ValidationException", ""));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
