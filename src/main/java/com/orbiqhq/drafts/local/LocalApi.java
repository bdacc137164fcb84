package com.orbiqhq.drafts.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.orbiqhq.drafts.api.CreateVersionHandler;
import com.orbiqhq.drafts.config.Environment;
import com.orbiqhq.drafts.store.DynamoDbClients;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * Serves the API on a loopback port the way API Gateway and Lambda would: each HTTP request becomes the same REST
 * proxy event, the real handler answers it, and its response goes back as HTTP. Requests are served concurrently.
 *
 * <p>Started by {@code scripts/local-api}, which also starts the local database. Settings are the function's own
 * (see the README), with local defaults: a table named {@value #DEFAULT_TABLE}, port 3000, the local issuer and
 * audience, and, unless a key source is configured, an HS256 key generated for this run only.
 */
public final class LocalApi {
    static final String DEFAULT_TABLE = "trust-center-documents-local";
    static final String LOCAL_ISSUER = "https://auth.local.test";
    static final String LOCAL_AUDIENCE = "documents-api";
    private static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    private static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(29);
    private static final String MISSING_ROUTE = "{\"message\":\"Missing Authentication Token\"}";
    /** Marks settings whose HS256 key this run generated, so that only such a key is ever printed. */
    private static final String GENERATED_KEY = "LOCAL_API_GENERATED_KEY";

    private final CreateVersionHandler handler;

    private LocalApi(CreateVersionHandler handler) {
        this.handler = handler;
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> settings = localSettings(System.getenv());
        Environment env = Environment.of(settings);
        int port = env.positiveInt("PORT", 3000);
        String tableName = settings.get("TABLE_NAME");

        LocalTable table = new LocalTable(DynamoDbClients.create(env), tableName);
        boolean created = table.createIfMissing();
        boolean seed = !"false".equalsIgnoreCase(env.orDefault("SEED", "true"));
        if (seed) {
            table.seedDemo();
        }

        LocalApi api = new LocalApi(new CreateVersionHandler(env));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        server.createContext("/", api::serve);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));

        printWelcome(settings, server.getAddress().getPort(), tableName, created, seed);
    }

    /** The function's settings with local defaults filled in; generates an HS256 key when none is configured. */
    static Map<String, String> localSettings(Map<String, String> given) {
        Map<String, String> settings = new HashMap<>(given);
        settings.remove(GENERATED_KEY);
        settings.putIfAbsent("TABLE_NAME", DEFAULT_TABLE);
        settings.putIfAbsent("AWS_REGION", "us-east-1");
        settings.putIfAbsent("JWT_ISSUER", LOCAL_ISSUER);
        settings.putIfAbsent("JWT_AUDIENCE", LOCAL_AUDIENCE);
        boolean keyConfigured = List.of("JWT_JWKS_URL", "JWT_JWKS", "JWT_HS256_SECRET").stream()
                .anyMatch(name -> given.get(name) != null && !given.get(name).isBlank());
        if (!keyConfigured) {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            settings.put("JWT_HS256_SECRET", "local-" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
            settings.put(GENERATED_KEY, "true");
        }
        return settings;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            // API Gateway matches and passes path parameters percent-decoded.
            String documentId = ProxyEvents.documentIdIn(exchange.getRequestURI().getPath());
            if (documentId == null || !"POST".equals(exchange.getRequestMethod())) {
                // What API Gateway answers for a route or method the API does not have.
                send(exchange, 403, Map.of("Content-Type", "application/json"), MISSING_ROUTE);
                return;
            }
            byte[] body = readAtMost(exchange.getRequestBody(), MAX_BODY_BYTES);
            if (body == null) {
                send(exchange, 413, Map.of("Content-Type", "application/json"), "{\"message\":\"Request Too Long\"}");
                return;
            }

            String requestId = UUID.randomUUID().toString();
            byte[] event = ProxyEvents.from(exchange, documentId, body, requestId);
            ByteArrayOutputStream answer = new ByteArrayOutputStream(1024);
            var context = new LocalContext(requestId, FUNCTION_TIMEOUT);
            handler.handleRequest(new ByteArrayInputStream(event), answer, context);

            ProxyEvents.Response response = ProxyEvents.readResponse(answer.toByteArray());
            send(exchange, response.status(), response.headers(), response.body());
        }
    }

    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        byte[] body = in.readNBytes(limit + 1);
        return body.length > limit ? null : body;
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void printWelcome(Map<String, String> settings, int port, String tableName, boolean created,
            boolean seeded) {
        String url = "http://127.0.0.1:" + port;
        StringBuilder text = new StringBuilder();
        text.append("Local API listening on ").append(url).append('\n');
        text.append("  table ").append(tableName).append(created ? " (created)" : " (existing)")
                .append(" at ").append(settings.get("DYNAMODB_ENDPOINT")).append('\n');
        if (seeded) {
            text.append("  demo tenant ").append(LocalTable.DEMO_TENANT)
                    .append(": document ").append(LocalTable.DEMO_DOCUMENT)
                    .append(", promoted version ").append(LocalTable.DEMO_PROMOTED_VERSION)
                    .append(", archived version ").append(LocalTable.DEMO_ARCHIVED_VERSION).append('\n');
        }

        String secret = settings.get("JWT_HS256_SECRET");
        boolean generated = "true".equals(settings.get(GENERATED_KEY));
        if (secret == null || secret.isBlank()) {
            text.append("\nTokens come from the configured JWKS; mint one with your identity provider.\n");
        } else {
            String document = seeded ? LocalTable.DEMO_DOCUMENT : "<document-id>";
            text.append("\nCreate a draft").append(seeded ? " of the demo document" : "")
                    .append(" (token valid for an hour):\n")
                    .append("  curl -i -X POST ").append(url).append("/api/v1/documents/").append(document)
                    .append("/versions \\\n")
                    .append("    -H 'Authorization: Bearer ").append(mint(settings, secret)).append("' \\\n")
                    .append("    -H 'Content-Type: application/json' \\\n")
                    .append("    -d '{\"source_version_id\": \"current\", \"name\": \"Q2 Refresh\"}'\n");
            if (generated) {
                text.append("\nOther tokens (local key of this run; never a production setting):\n");
                String mint = "  JWT_HS256_SECRET='" + secret + "' JWT_ISSUER='" + settings.get("JWT_ISSUER")
                        + "' JWT_AUDIENCE='" + settings.get("JWT_AUDIENCE") + "' scripts/mint-token";
                text.append(mint).append(" --tenant globex      # another tenant: 404\n")
                        .append(mint).append(" --role viewer        # may not write: 403\n")
                        .append(mint).append(" --expires-in -60     # expired: 401\n");
            } else {
                text.append("\nOther tokens: scripts/mint-token --help (it reads JWT_HS256_SECRET, JWT_ISSUER and"
                        + " JWT_AUDIENCE from the environment).\n");
            }
        }
        text.append("\nStop with Ctrl-C.");
        // For a person, so on standard error: standard output carries only the function's JSON log lines, as in
        // Lambda, to be collected or searched without this text (which holds a token on purpose).
        System.err.println(text);
        System.err.flush();
    }

    private static String mint(Map<String, String> settings, String secret) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(settings.get("JWT_ISSUER"))
                .audience(settings.get("JWT_AUDIENCE"))
                .subject("local-user")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .claim(settings.getOrDefault("JWT_TENANT_CLAIM", "tenant"), LocalTable.DEMO_TENANT)
                .claim(settings.getOrDefault("JWT_ROLE_CLAIM", "role"), "admin")
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign the local token", e);
        }
    }
}
