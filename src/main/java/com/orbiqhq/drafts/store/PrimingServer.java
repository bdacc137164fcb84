package com.orbiqhq.drafts.store;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * A stand-in for DynamoDB on the loopback interface, for priming only: it answers the calls a draft makes as the
 * table would for the priming document, so that priming runs the real HTTP client (connection, request writing,
 * response reading) as well as the SDK's marshalling, signing and unmarshalling, without anything leaving the
 * process and without a write anywhere.
 *
 * <p>Answers carry DynamoDB's {@code x-amz-crc32}, so the client's checksum validation is primed as well. Every
 * answer says {@code Connection: close}, so no connection is kept for reuse; {@link #close()} stops the
 * one thread and the listening socket. A snapshot taken after priming holds no socket.
 */
final class PrimingServer implements AutoCloseable {
    static final String TENANT = "priming";
    static final String DOCUMENT = "00000000-0000-4000-8000-000000000001";
    static final String VERSION = "00000000-0000-4000-8000-000000000002";

    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final String PK = "{\"S\":\"TENANT#" + TENANT + "#DOCUMENT#" + DOCUMENT + "\"}";
    static final String TABLE = "priming";
    private static final String DOCUMENT_ITEM = "{\"pk\":" + PK + ",\"sk\":{\"S\":\"DOCUMENT\"},"
            + "\"active_version_id\":{\"S\":\"" + VERSION + "\"},\"last_draft_key_ms\":{\"N\":\"1\"}}";
    private static final String VERSION_ITEM = "{\"pk\":" + PK + ",\"sk\":{\"S\":\"VERSION#" + VERSION
            + "\"},\"id\":{\"S\":\"" + VERSION + "\"},\"revision\":{\"N\":\"1\"},\"status\":{\"S\":\"published\"},"
            + "\"title\":{\"S\":\"Priming\"},\"tags\":{\"SS\":[\"a\",\"b\"]},\"size\":{\"N\":\"1\"},"
            + "\"file\":{\"M\":{\"bucket\":{\"S\":\"b\"}}},\"flags\":{\"L\":[{\"BOOL\":true},{\"NULL\":true}]}}";

    private final ServerSocket listener;
    private final Thread thread;

    private PrimingServer(ServerSocket listener) {
        this.listener = listener;
        this.thread = new Thread(this::serve, "priming-dynamodb");
        this.thread.setDaemon(true);
    }

    static PrimingServer start() {
        try {
            // IPv4 loopback by address, so that the endpoint below names what was bound whatever the JVM prefers.
            InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
            var server = new PrimingServer(new ServerSocket(0, 8, loopback));
            server.thread.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not listen on the loopback interface for priming", e);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    @Override
    public void close() {
        try {
            listener.close();
            thread.join(2_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve() {
        try {
            while (!listener.isClosed()) {
                try (Socket connection = listener.accept()) {
                    connection.setSoTimeout(2_000);
                    answer(new BufferedInputStream(connection.getInputStream()), connection.getOutputStream());
                } catch (SocketException closedOrReset) {
                    // closed by close(), or the client went away: nothing to answer
                } catch (IOException | RuntimeException e) {
                    // a malformed request: drop it; the client sees an error and priming carries on
                }
            }
        } finally {
            // Whatever ends this thread, nobody may be left waiting on a listener that no one serves.
            try {
                listener.close();
            } catch (IOException ignored) {
                // closing is all that is left to do
            }
        }
    }

    private static void answer(InputStream in, OutputStream out) throws IOException {
        String head = readHead(in);
        int length = 0;
        String target = "";
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim();
                if (name.equals("content-length")) {
                    length = Integer.parseInt(value);
                } else if (name.equals("x-amz-target")) {
                    target = value;
                }
            }
        }
        if (length < 0 || length > MAX_BODY_BYTES) {
            throw new IOException("priming request body too large");
        }
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);

        byte[] answer = answerFor(target, body).getBytes(StandardCharsets.UTF_8);
        CRC32 checksum = new CRC32();
        checksum.update(answer);
        String headers = "HTTP/1.1 200 OK\r\n"
                + "Content-Type: application/x-amz-json-1.0\r\n"
                + "Content-Length: " + answer.length + "\r\n"
                + "x-amzn-RequestId: priming\r\n"
                + "x-amz-crc32: " + checksum.getValue() + "\r\n"
                + "Connection: close\r\n\r\n";
        out.write(headers.getBytes(StandardCharsets.US_ASCII));
        out.write(answer);
        out.flush();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(1024);
        int matched = 0;
        while (matched < 4) {
            int next = in.read();
            if (next < 0 || head.size() >= MAX_HEADER_BYTES) {
                throw new IOException("incomplete priming request");
            }
            head.write(next);
            matched = next == "\r\n\r\n".charAt(matched) ? matched + 1 : next == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static String answerFor(String target, String body) {
        if (target.endsWith(".GetItem")) {
            return "{\"Item\":" + (body.contains("\"DOCUMENT\"") ? DOCUMENT_ITEM : VERSION_ITEM) + "}";
        }
        if (target.endsWith(".BatchGetItem")) {
            return "{\"Responses\":{\"" + TABLE + "\":[" + DOCUMENT_ITEM + "," + VERSION_ITEM + "]},"
                    + "\"UnprocessedKeys\":{}}";
        }
        return "{}";
    }
}
