package com.orbiqhq.drafts.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.orbiqhq.drafts.auth.AccessPolicy;
import com.orbiqhq.drafts.auth.JwtSettings;
import com.orbiqhq.drafts.auth.JwtVerifier;
import com.orbiqhq.drafts.auth.KeySource;
import com.orbiqhq.drafts.draft.DraftService;
import com.orbiqhq.drafts.log.EmbeddedMetrics;
import com.orbiqhq.drafts.log.JsonLogger;
import com.orbiqhq.drafts.store.PrimingDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the request path before the first real request (before SnapStart's snapshot, or at init), so that the first
 * request after a restore finds its classes loaded and initialised, and the hottest of them compiled: event
 * parsing, token verification, the draft rules, the DynamoDB requests' marshalling, signing and sending over the
 * HTTP client, the responses' reading and unmarshalling, the answer and log writing.
 *
 * <p>Nothing it does leaves a trace: the requests go to a copy of the handler whose database is an in-process
 * stand-in on the loopback interface ({@link PrimingDatabase}: a client set up like the real one, no write
 * anywhere, no connection kept; closed afterwards, so no thread or socket of it is left in a snapshot) and whose
 * tokens are ES256-signed with a key made for priming and then dropped. The ids and
 * times it creates are discarded. UUIDs come from the platform's default SecureRandom, which on Linux
 * (NativePRNG) mixes fresh kernel entropy into every value, so a restored snapshot still draws unique ids;
 * configuring another default source (a DRBG through {@code securerandom.source} or {@code java.security.egd})
 * would break that and must not be done. The function's own token check is not called: with a JWKS URL it would
 * fetch the key set from the identity provider, leaving a connection and a key set in the snapshot; it shares
 * all its code but the key source with the priming copy's.
 */
final class Priming {
    private static final int ROUNDS = 100;
    /** Priming stops after this long whatever is left, so that a slow machine cannot stall init or a snapshot. */
    private static final Duration BUDGET = Duration.ofSeconds(10);
    /**
     * What the first round's requests must be answered: a create from the promoted version, one from a named
     * version, an idempotent create, a refused body, a missing token.
     */
    private static final List<Integer> EXPECTED_STATUSES = List.of(201, 201, 201, 400, 401);
    private static final String ISSUER = "https://priming.invalid";
    private static final String AUDIENCE = "priming";
    private static final JsonFactory JSON = new JsonFactory();
    /** The JDK's own classes for a kept-alive HTTP connection, which priming cannot reach (see below). */
    static final List<String> KEPT_ALIVE_CONNECTION_CLASSES = List.of(
            "sun.net.www.http.Hurryable",
            "sun.net.www.http.KeepAliveStream",
            "sun.net.www.http.KeepAliveStreamCleaner",
            "sun.net.www.http.KeepAliveCache$ClientVector",
            "sun.net.www.http.KeepAliveEntry");

    private Priming() {
    }

    /**
     * Primes, and never fails: priming only saves time, so a failure is logged and the function starts (or the
     * snapshot is taken) without it.
     *
     * @return the statuses the priming requests got in their first round (create from the promoted version, from a
     *     named version, idempotent create, refused body, missing token), empty when priming failed
     */
    static List<Integer> prime(JsonLogger log) {
        try {
            return run();
        } catch (RuntimeException | JOSEException | IOException failure) {
            log.warn("priming failed; the first requests will be slower", "errorType", failure.getClass().getName(),
                    "detail", failure.getMessage());
            return List.of();
        }
    }

    private static List<Integer> run() throws JOSEException, IOException {
        // A throwaway EC key for priming tokens only, so that priming verifies ES256 signatures and reads a JWK
        // set, as deployed functions do. The function's own token check never sees it.
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("priming").generate();
        // Every log line is written, down to DEBUG, so that writing them is primed too, but into nothing.
        JsonLogger quiet = new JsonLogger(new PrintStream(OutputStream.nullOutputStream()), JsonLogger.Level.DEBUG);
        List<Integer> statuses = new ArrayList<>();
        try (PrimingDatabase database = PrimingDatabase.start()) {
            CreateVersionHandler primer = new CreateVersionHandler(
                    JwtVerifier.create(new JwtSettings(ISSUER, AUDIENCE,
                            new KeySource.InlineJwks(new JWKSet(key.toPublicJWK()).toString()), "tenant", "role",
                            Set.of("admin"))),
                    new AccessPolicy(Set.of("admin")),
                    new DraftService(database.repository(), InstantSource.system(), quiet),
                    new ApiResponses("https://priming.invalid/errors"), quiet,
                    new EmbeddedMetrics("Priming", "priming"), CreateVersionHandler.DEFAULT_MAX_BODY_BYTES);
            long stopAt = System.nanoTime() + BUDGET.toNanos();
            int tokens = 0;
            for (int round = 0; round < ROUNDS && System.nanoTime() < stopAt; round++) {
                // A new token for every request: a repeated one is answered from the verified tokens, while the
                // first real request always carries a token this instance has never seen. Its signature check is
                // the costliest step of a request, and one check per round left it half compiled.
                List<byte[]> requests = List.of(
                        event(token(key, tokens++), "{\"source_version_id\": \"current\", \"name\": \"Priming\"}",
                                null),
                        event(token(key, tokens++), "{\"source_version_id\": \"" + PrimingDatabase.VERSION + "\"}",
                                null),
                        event(token(key, tokens++), "{}", "priming-" + round),
                        event(token(key, tokens++), "{\"status\": \"published\"}", null),
                        event(null, null, null));
                for (byte[] request : requests) {
                    ProxyResponse response = primer.respond(new ByteArrayInputStream(request), null);
                    response.writeTo(OutputStream.nullOutputStream());
                    int status = response.statusCode();
                    if (round == 0) {
                        statuses.add(status);
                    }
                }
                if (round == 0 && !statuses.equals(EXPECTED_STATUSES)) {
                    // Not the path real requests take (the stand-in unreachable, say): priming it warms nothing.
                    throw new IllegalStateException("priming requests answered " + statuses);
                }
            }
        }
        loadKeptAliveConnectionClasses();
        return statuses;
    }

    /**
     * Loads the JDK classes that handle a kept-alive HTTP connection. Priming's stand-in closes every connection
     * (so that none is left in a snapshot), so these never load during priming. They are not in the JDK's class
     * data sharing archive either, and loading them from the module image took about a fifth of the first real
     * request. Loading a class opens no connection and starts no thread (the JDK starts its keep-alive threads only
     * when a connection is cached). A JDK without one of these names simply skips it.
     */
    private static void loadKeptAliveConnectionClasses() {
        for (String name : KEPT_ALIVE_CONNECTION_CLASSES) {
            try {
                Class.forName(name, true, null);
            } catch (ClassNotFoundException | LinkageError absent) {
                // Another JDK's internals: nothing to load, and nothing lost but a little time.
            }
        }
    }

    /** A proxy event as API Gateway sends it, as JSON: what the handler reads on every real request. */
    private static byte[] event(String token, String body, String idempotencyKey) throws IOException {
        String document = PrimingDatabase.DOCUMENT;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            headers.put("Idempotency-Key", idempotencyKey);
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
        try (JsonGenerator json = JSON.createGenerator(buffer)) {
            json.writeStartObject();
            json.writeStringField("resource", "/api/v1/documents/{id}/versions");
            json.writeStringField("path", "/api/v1/documents/" + document + "/versions");
            json.writeStringField("httpMethod", "POST");
            json.writeObjectFieldStart("headers");
            for (Map.Entry<String, String> header : headers.entrySet()) {
                json.writeStringField(header.getKey(), header.getValue());
            }
            json.writeEndObject();
            json.writeObjectFieldStart("multiValueHeaders");
            for (Map.Entry<String, String> header : headers.entrySet()) {
                json.writeArrayFieldStart(header.getKey());
                json.writeString(header.getValue());
                json.writeEndArray();
            }
            json.writeEndObject();
            json.writeNullField("queryStringParameters");
            json.writeObjectFieldStart("pathParameters");
            json.writeStringField("id", document);
            json.writeEndObject();
            json.writeObjectFieldStart("requestContext");
            json.writeStringField("requestId", "priming");
            json.writeObjectFieldStart("identity");
            json.writeStringField("sourceIp", "192.0.2.1");
            json.writeEndObject();
            json.writeNumberField("requestTimeEpoch", 0);
            json.writeEndObject();
            json.writeStringField("body", body);
            json.writeBooleanField("isBase64Encoded", false);
            json.writeEndObject();
        }
        return buffer.toByteArray();
    }

    private static String token(ECKey key, int serial) throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("priming")
                .jwtID("priming-" + serial)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .claim("tenant", PrimingDatabase.TENANT)
                .claim("role", "admin")
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }
}
