package com.orbiqhq.drafts.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.orbiqhq.drafts.auth.AccessPolicy;
import com.orbiqhq.drafts.auth.JwtSettings;
import com.orbiqhq.drafts.auth.JwtVerifier;
import com.orbiqhq.drafts.auth.KeySource;
import com.orbiqhq.drafts.draft.DraftService;
import com.orbiqhq.drafts.error.ApiException;
import com.orbiqhq.drafts.log.JsonLogger;
import com.orbiqhq.drafts.store.DynamoDbVersionRepository;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Runs the request path before the first real request (before SnapStart's snapshot, or at init), so that the first
 * request after a restore finds its classes loaded and initialised: body parsing, token verification, the draft
 * rules, the DynamoDB requests' marshalling and unmarshalling, the response and log writing.
 *
 * <p>Nothing it does leaves a trace: the requests go to a copy of the handler whose database is answered from
 * memory ({@link DynamoDbVersionRepository#forPriming()}: no connection, no write) and whose tokens are signed
 * with a key made for priming and then dropped. The ids and times it creates are discarded; UUIDs come from the
 * platform's SecureRandom, which on Linux mixes fresh kernel entropy into every value, so a restored snapshot
 * still draws unique ids. Finally the real token check runs once on a token it must refuse (parsing and key
 * selection; a JWKS is not fetched here, so the snapshot holds no connection and no key set that could be stale).
 */
final class Priming {
    private static final int ROUNDS = 30;
    private static final String ISSUER = "https://priming.invalid";
    private static final String AUDIENCE = "priming";

    private Priming() {
    }

    static void prime(CreateVersionHandler handler) {
        // A throwaway key for priming tokens only: the real token check never trusts it, so plain Random will do
        // and SecureRandom's state stays untouched by priming.
        byte[] secret = new byte[32];
        new Random().nextBytes(secret);
        JsonLogger quiet = new JsonLogger(new PrintStream(OutputStream.nullOutputStream()), JsonLogger.Level.ERROR);
        CreateVersionHandler primer = new CreateVersionHandler(
                JwtVerifier.create(new JwtSettings(ISSUER, AUDIENCE, new KeySource.SharedSecret(secret), "tenant",
                        "role", Set.of("admin"))),
                new AccessPolicy(Set.of("admin")),
                new DraftService(DynamoDbVersionRepository.forPriming(), InstantSource.system(), quiet),
                new ApiResponses("https://priming.invalid/errors"), quiet, CreateVersionHandler.DEFAULT_MAX_BODY_BYTES);
        String token = token(secret);

        for (int round = 0; round < ROUNDS; round++) {
            primer.handleRequest(event(token, "{\"source_version_id\": \"current\", \"name\": \"Priming\"}", null),
                    null);
            primer.handleRequest(event(token, "{}", "priming-" + round), null);
            primer.handleRequest(event(token, "{\"status\": \"published\"}", null), null);
            primer.handleRequest(event(null, null, null), null);
        }

        try {
            handler.verifier().authenticate("Bearer " + token);
        } catch (ApiException expected) {
            // refused, as it must be: the token was signed with the priming key
        }
    }

    private static APIGatewayProxyRequestEvent event(String token, String body, String idempotencyKey) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/json");
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            headers.put("Idempotency-Key", idempotencyKey);
        }
        String document = DynamoDbVersionRepository.PRIMING_DOCUMENT;
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod("POST")
                .withPath("/api/v1/documents/" + document + "/versions")
                .withPathParameters(Map.of("id", document))
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext().withRequestId("priming"));
    }

    private static String token(byte[] secret) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("priming")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .claim("tenant", DynamoDbVersionRepository.PRIMING_TENANT)
                .claim("role", "admin")
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign the priming token", e);
        }
    }
}
