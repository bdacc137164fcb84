package com.orbiqhq.drafts.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JDK HTTP server on a loopback port that serves one JSON document at any path and counts the requests, so a
 * test can tell whether (and how often) the verifier went to the network.
 */
public final class JwksServer implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger hits = new AtomicInteger();
    private volatile String body;
    private volatile int status = 200;
    private volatile URI redirectTo;

    private JwksServer(String body) throws IOException {
        this.body = body;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    public static JwksServer serving(String body) throws IOException {
        return new JwksServer(body);
    }

    /** The address of {@code path} on this server, e.g. {@code http://127.0.0.1:41234/jwks}. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    void serve(String newBody) {
        body = newBody;
        status = 200;
    }

    void failWith(int newStatus) {
        status = newStatus;
    }

    /** Answers every request with a {@code 302 Found} pointing at {@code location}. */
    void redirectTo(URI location) {
        redirectTo = location;
    }

    public int hits() {
        return hits.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        hits.incrementAndGet();
        if (redirectTo != null) {
            exchange.getResponseHeaders().set("Location", redirectTo.toString());
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
            return;
        }
        byte[] bytes = (status == 200 ? body : "{\"error\":\"boom\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
