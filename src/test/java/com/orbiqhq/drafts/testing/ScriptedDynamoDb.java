package com.orbiqhq.drafts.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP endpoint that answers DynamoDB's JSON protocol from a script, for faults a real local database
 * cannot be made to produce on demand (throttling, transaction conflicts, unknown cancellation reasons, a server
 * that never answers). Each operation answers its queued replies in order, then its default reply for ever.
 *
 * <p>In front of a real database ({@link #inFrontOf}), whatever the script does not answer is passed on to it, so
 * that a test can fault one call of a request and still check the table afterwards.
 */
public final class ScriptedDynamoDb implements AutoCloseable {
    /** Headers the JDK's HTTP client sets itself and refuses to be given. */
    private static final Set<String> HOP_HEADERS = Set.of("host", "content-length", "connection", "expect",
            "upgrade", "transfer-encoding", "date");

    private final HttpServer server;
    private final URI backing;
    private final HttpClient forwarder;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Map<String, Deque<Reply>> queued = new ConcurrentHashMap<>();
    private final Map<String, Reply> defaults = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, List<String>> bodies = new ConcurrentHashMap<>();

    /** One HTTP answer. */
    public record Reply(int status, String body) {
        private static final Reply HANG = new Reply(0, "");
        private static final Reply FORWARD = new Reply(0, "forward");

        public static Reply ok(String body) {
            return new Reply(200, body);
        }

        /** Accepts the request and never answers it: a database that is up but stuck. */
        public static Reply hang() {
            return HANG;
        }

        /** Passes the call on to the real database behind (see {@link #inFrontOf}). */
        public static Reply forward() {
            return FORWARD;
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
        this(0, null);
    }

    private ScriptedDynamoDb(int port, String backingEndpoint) throws IOException {
        backing = backingEndpoint == null ? null : URI.create(backingEndpoint + "/");
        forwarder = backingEndpoint == null ? null
                : HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", this::answer);
        // Hanging replies hold their thread: every call gets its own.
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    /**
     * Scripted faults in front of a real database: every call the script does not answer goes on to it.
     *
     * @param port the loopback port to listen on, 0 for any free one
     */
    public static ScriptedDynamoDb inFrontOf(String databaseEndpoint, int port) throws IOException {
        return new ScriptedDynamoDb(port, databaseEndpoint);
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
        if (reply == Reply.HANG) {
            awaitClose();
            exchange.close();
            return;
        }
        if (reply == Reply.FORWARD) {
            forward(exchange, request);
            return;
        }
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
        exchange.sendResponseHeaders(reply.status(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    /** Passes a call on unchanged (moto does not check signatures) and its answer back, checksum header included. */
    private void forward(HttpExchange exchange, String request) throws IOException {
        var call = HttpRequest.newBuilder(backing).POST(HttpRequest.BodyPublishers.ofString(request));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase())) {
                values.forEach(value -> call.header(name, value));
            }
        });
        HttpResponse<byte[]> answer;
        try {
            answer = forwarder.send(call.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding", e);
        }
        answer.headers().map().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase()) && !name.startsWith(":")) {
                values.forEach(value -> exchange.getResponseHeaders().add(name, value));
            }
        });
        exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
        exchange.getResponseBody().write(answer.body());
        exchange.close();
    }

    private void awaitClose() {
        try {
            closing.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
        Reply unscripted = backing == null ? Reply.error("ValidationException", "") : Reply.FORWARD;
        return defaults.getOrDefault(operation, unscripted);
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        if (forwarder != null) {
            forwarder.close();
        }
    }
}
