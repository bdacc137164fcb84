package com.orbiqhq.drafts.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.orbiqhq.drafts.api.CreateVersionHandler;
import com.orbiqhq.drafts.auth.JwksServer;
import com.orbiqhq.drafts.auth.Signing;
import com.orbiqhq.drafts.config.Environment;
import com.orbiqhq.drafts.testing.Documents;
import com.orbiqhq.drafts.testing.TestDatabase;
import com.orbiqhq.drafts.testing.TestLogs;
import com.orbiqhq.drafts.testing.TestTable;
import com.orbiqhq.drafts.testing.Tokens;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Forged, broken and foreign tokens sent through the real handler, with moto behind it: every one is answered 401
 * with the documented envelope and a {@code WWW-Authenticate: Bearer} challenge, and not one of them writes
 * anything (each request carries a body and an {@code Idempotency-Key}, so a token that got through would leave a
 * draft and an idempotency record behind).
 *
 * <p>The handler verifies with an RSA (RS256) and an EC (ES256) key, configured once as a JWKS URL served by a
 * local recording server and once inline; every case runs against both. Tokens that name a key location of their
 * own ({@code jku}, {@code x5u}) point at a second recording server, which must never be asked anything.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForgedTokensOnMotoIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RSA_KID = "rsa-2025";
    private static final String EC_KID = "ec-2025";
    private static final String ATTACKER_KID = "attacker-1";
    private static final String KEYSTORE_PASSWORD = "attacker-keystore";
    private static final int OVERSIZED_TOKEN_CHARS = 64 * 1024;

    /** The two ways a deployment names its asymmetric keys. */
    enum KeySetting { JWKS_URL, INLINE_JWKS }

    /** One way of getting a request past authentication that must not work; its name is the test's name. */
    record Forgery(String name, Supplier<String> authorization) {
        @Override
        public String toString() {
            return name;
        }
    }

    private final TestLogs logs = new TestLogs();
    private final Map<KeySetting, HandlerClient> clients = new EnumMap<>(KeySetting.class);
    private RSAKey rsaKey;
    private ECKey ecKey;
    private RSAKey attackerRsaKey;
    private ECKey attackerEcKey;
    private JwksServer jwks;
    private JwksServer attackerServer;
    private TestTable table;
    private Documents documents;
    private Documents.Seeded target;
    private List<Map<String, AttributeValue>> pristineTarget;

    @BeforeAll
    void startServersAndSeed(@TempDir Path keystoreDir) throws Exception {
        rsaKey = new RSAKeyGenerator(2048).keyID(RSA_KID).generate();
        ecKey = new ECKeyGenerator(Curve.P_256).keyID(EC_KID).generate();
        attackerRsaKey = selfCertifiedRsaKey(keystoreDir);
        attackerEcKey = new ECKeyGenerator(Curve.P_256).keyID(ATTACKER_KID).generate();
        jwks = JwksServer.serving(Signing.publicJwks(rsaKey, ecKey));
        attackerServer = JwksServer.serving(Signing.publicJwks(attackerRsaKey, attackerEcKey));

        table = TestTable.create(TestDatabase.endpoint(TestDatabase.Kind.MOTO));
        documents = new Documents(table);
        target = documents.withPromotedVersion(Tokens.TENANT);
        pristineTarget = table.partition(target.tenant(), target.documentId());
        clients.put(KeySetting.JWKS_URL, handlerWith("JWT_JWKS_URL", jwks.uri("/.well-known/jwks.json").toString()));
        clients.put(KeySetting.INLINE_JWKS, handlerWith("JWT_JWKS", Signing.publicJwks(rsaKey, ecKey)));
    }

    @AfterAll
    void stopServers() {
        jwks.close();
        attackerServer.close();
    }

    // ---- the table -----------------------------------------------------------------------------------------

    Stream<Arguments> forgeries() {
        List<Forgery> forgeries = new ArrayList<>(List.of(
                // Scheme and shape
                new Forgery("no Authorization header", () -> null),
                new Forgery("empty Authorization header", () -> ""),
                new Forgery("Basic scheme carrying a valid token", () -> "Basic " + rs256(claims -> claims)),
                new Forgery("Basic credentials", () -> "Basic " + base64("admin:admin")),
                new Forgery("Token scheme carrying a valid token", () -> "Token " + rs256(claims -> claims)),
                new Forgery("valid token without a scheme", () -> rs256(claims -> claims)),
                new Forgery("Bearer with no token", () -> "Bearer"),
                new Forgery("Bearer with an empty token", () -> "Bearer "),
                new Forgery("valid token followed by junk", () -> Tokens.bearer(rs256(claims -> claims) + " junk")),
                new Forgery("two valid tokens", () -> Tokens.bearer(rs256(claims -> claims))
                        + ", " + Tokens.bearer(rs256(claims -> claims))),
                new Forgery("garbage token", () -> "Bearer not-a-jwt"),
                new Forgery("three garbage segments", () -> "Bearer abc.def.ghi"),
                new Forgery("oversized token signed by our key", () -> Tokens.bearer(oversized())),
                // Signature
                new Forgery("alg none, no signature", () -> Tokens.bearer(withHeader(rs256(claims -> claims),
                        "{\"alg\":\"none\",\"typ\":\"JWT\"}", ""))),
                new Forgery("alg none keeping a real signature", () -> Tokens.bearer(withHeader(
                        rs256(claims -> claims), "{\"alg\":\"none\"}", null))),
                new Forgery("alg none under lower-case bearer", () -> "bearer " + withHeader(
                        rs256(claims -> claims), "{\"alg\":\"none\"}", "")),
                new Forgery("signature removed", () -> Tokens.bearer(withoutSignature(rs256(claims -> claims)))),
                new Forgery("ES256 signature of zeros (r = s = 0)", () -> Tokens.bearer(
                        withoutSignature(es256(claims -> claims)) + Base64URL.encode(new byte[64]))),
                new Forgery("HS256 keyed with our RSA public key (DER)", () -> Tokens.bearer(sign(
                        JWSAlgorithm.HS256, RSA_KID, macSigner(rsaPublicKeyDer()), claims -> claims))),
                new Forgery("HS256 keyed with our RSA public key (PEM)", () -> Tokens.bearer(sign(
                        JWSAlgorithm.HS256, RSA_KID, macSigner(rsaPublicKeyPem()), claims -> claims))),
                new Forgery("HS256 keyed with our EC public key (DER)", () -> Tokens.bearer(sign(
                        JWSAlgorithm.HS256, EC_KID, macSigner(ecPublicKeyDer()), claims -> claims))),
                new Forgery("our RSA key with another algorithm (PS256)", () -> Tokens.bearer(sign(
                        JWSAlgorithm.PS256, RSA_KID, rsaSigner(rsaKey), claims -> claims))),
                new Forgery("unknown kid", () -> Tokens.bearer(sign(
                        JWSAlgorithm.RS256, "rsa-2019", rsaSigner(rsaKey), claims -> claims))),
                new Forgery("our RSA kid, signed by another key", () -> Tokens.bearer(sign(
                        JWSAlgorithm.RS256, RSA_KID, rsaSigner(attackerRsaKey), claims -> claims))),
                new Forgery("our EC kid, signed by another key", () -> Tokens.bearer(sign(
                        JWSAlgorithm.ES256, EC_KID, ecSigner(attackerEcKey), claims -> claims))),
                new Forgery("no kid, signed by another key", () -> Tokens.bearer(sign(
                        JWSAlgorithm.RS256, null, rsaSigner(attackerRsaKey), claims -> claims))),
                new Forgery("tenant changed after signing", () -> Tokens.bearer(withClaims(rs256(claims -> claims),
                        claims -> claims.claim("tenant", "globex")))),
                new Forgery("role changed after signing", () -> Tokens.bearer(withClaims(
                        rs256(claims -> claims.claim("role", "viewer")), claims -> claims.claim("role", "admin")))),
                new Forgery("JWE encrypted to our RSA public key", () -> Tokens.bearer(encryptedToOurKey())),
                new Forgery("unknown critical header", () -> Tokens.bearer(sign(
                        new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(RSA_KID)
                                .criticalParams(Set.of("urn:example:must-understand"))
                                .customParam("urn:example:must-understand", true),
                        rsaSigner(rsaKey), claims -> claims))),
                // Claims
                new Forgery("expired", () -> Tokens.bearer(rs256(claims -> claims
                        .issueTime(ago(Duration.ofMinutes(20))).expirationTime(ago(Duration.ofMinutes(10)))))),
                new Forgery("not yet valid", () -> Tokens.bearer(es256(claims -> claims
                        .notBeforeTime(fromNow(Duration.ofMinutes(10)))))),
                new Forgery("issued in the future", () -> Tokens.bearer(rs256(claims -> claims
                        .issueTime(fromNow(Duration.ofMinutes(10)))))),
                new Forgery("no exp", () -> Tokens.bearer(rs256(claims -> claims.expirationTime(null)))),
                new Forgery("no sub", () -> Tokens.bearer(es256(claims -> claims.subject(null)))),
                new Forgery("wrong iss", () -> Tokens.bearer(rs256(claims -> claims.issuer("https://evil.test")))),
                new Forgery("no iss", () -> Tokens.bearer(es256(claims -> claims.issuer(null)))),
                new Forgery("wrong aud", () -> Tokens.bearer(es256(claims -> claims.audience("billing-api")))),
                new Forgery("no aud", () -> Tokens.bearer(rs256(claims -> claims.audience((String) null))))));
        forgeries.addAll(keyLocationForgeries(attackerServer));

        return Stream.of(KeySetting.values())
                .flatMap(keys -> forgeries.stream().map(forgery -> Arguments.of(keys, forgery)));
    }

    /** Tokens signed by the attacker that say where their key is: an embedded key, or a URL on {@code server}. */
    private List<Forgery> keyLocationForgeries(JwksServer server) {
        URI attackerJwks = server.uri("/jwks.json");
        URI attackerCertificate = server.uri("/attacker.pem");
        return List.of(
                new Forgery("jku naming the attacker's JWKS", () -> Tokens.bearer(signedByAttacker(
                        header -> header.keyID(ATTACKER_KID).jwkURL(attackerJwks)))),
                new Forgery("jku naming the attacker's JWKS, our kid", () -> Tokens.bearer(signedByAttacker(
                        header -> header.keyID(RSA_KID).jwkURL(attackerJwks)))),
                new Forgery("x5u naming the attacker's certificate", () -> Tokens.bearer(signedByAttacker(
                        header -> header.keyID(ATTACKER_KID).x509CertURL(attackerCertificate)))),
                new Forgery("x5u naming the attacker's certificate, no kid", () -> Tokens.bearer(signedByAttacker(
                        header -> header.x509CertURL(attackerCertificate)))),
                new Forgery("jwk embedding the signing key", () -> Tokens.bearer(signedByAttacker(
                        header -> header.keyID(ATTACKER_KID).jwk(attackerRsaKey.toPublicJWK())))),
                new Forgery("jwk embedding the signing key, our kid", () -> Tokens.bearer(signedByAttacker(
                        header -> header.keyID(RSA_KID).jwk(attackerRsaKey.toPublicJWK())))),
                new Forgery("x5c carrying the signing key's certificate", () -> Tokens.bearer(signedByAttacker(
                        header -> header.keyID(ATTACKER_KID).x509CertChain(attackerRsaKey.getX509CertChain())))),
                new Forgery("x5c carrying the signing key's certificate, no kid", () -> Tokens.bearer(
                        signedByAttacker(header -> header.x509CertChain(attackerRsaKey.getX509CertChain())))),
                new Forgery("jku, x5u, jwk and x5c together", () -> Tokens.bearer(signedByAttacker(
                        header -> header.keyID(ATTACKER_KID).jwkURL(attackerJwks).x509CertURL(attackerCertificate)
                                .jwk(attackerRsaKey.toPublicJWK())
                                .x509CertChain(attackerRsaKey.getX509CertChain())))));
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @MethodSource("forgeries")
    void create_forgedOrBrokenToken_answers401AndWritesNothing(KeySetting keys, Forgery forgery) {
        String idempotencyKey = "forged-" + UUID.randomUUID();
        var tableBefore = table.allItems();

        var response = clients.get(keys).post(target.documentId(), "{\"name\": \"Forged\"}",
                "Authorization", forgery.authorization().get(), "Idempotency-Key", idempotencyKey);

        assertUnauthorized(response);
        assertThat(table.allItems()).containsExactlyInAnyOrderElementsOf(tableBefore);
        var partition = table.partition(target.tenant(), target.documentId());
        assertThat(partition).containsExactlyInAnyOrderElementsOf(pristineTarget);
        assertThat(partition).extracting(item -> item.get("sk").s())
                .noneMatch(sk -> sk.startsWith("IDEMPOTENCY#"))
                .hasSameSizeAs(pristineTarget);
        assertThat(table.get(target.partitionKey(), "DOCUMENT").orElseThrow())
                .doesNotContainKey("last_draft_key_ms");
        assertThat(attackerServer.hits()).isZero();
    }

    // ---- the key locations a token names are never visited -------------------------------------------------

    @Test
    void create_tokensNamingAnotherKeyServer_areRefusedAndThatServerIsNeverAsked() throws IOException {
        try (JwksServer configured = JwksServer.serving(Signing.publicJwks(rsaKey, ecKey));
                JwksServer elsewhere = JwksServer.serving(Signing.publicJwks(attackerRsaKey, attackerEcKey))) {
            HandlerClient client = handlerWith("JWT_JWKS_URL", configured.uri("/jwks").toString());
            var tableBefore = table.allItems();

            List<HandlerClient.Response> responses = keyLocationForgeries(elsewhere).stream()
                    .map(forgery -> client.post(target.documentId(), "{}",
                            "Authorization", forgery.authorization().get()))
                    .toList();

            for (var response : responses) {
                assertUnauthorized(response);
            }
            assertThat(elsewhere.hits()).isZero();
            assertThat(configured.hits()).isPositive();
            assertThat(table.allItems()).containsExactlyInAnyOrderElementsOf(tableBefore);
        }
    }

    // ---- a second Authorization header cannot smuggle a token past the first -------------------------------

    @ParameterizedTest(name = "[{0}] forged one {1}")
    @CsvSource({"JWKS_URL, first", "JWKS_URL, last", "INLINE_JWKS, first", "INLINE_JWKS, last"})
    void create_validAndForgedAuthorizationHeaders_answers401AndWritesNothing(KeySetting keys,
            String forgedPosition) {
        String valid = Tokens.bearer(rs256(claims -> claims));
        String forged = Tokens.bearer(withClaims(rs256(claims -> claims), claims -> claims.claim("tenant", "globex")));
        List<String> values = forgedPosition.equals("first") ? List.of(forged, valid) : List.of(valid, forged);
        // API Gateway keeps the last value of a repeated header in headers and every value in multiValueHeaders.
        var event = HandlerClient.event(target.documentId(), "{\"name\": \"Forged\"}", new HashMap<>(Map.of(
                "Authorization", values.get(1), "Content-Type", "application/json")));
        event.setMultiValueHeaders(Map.of("Authorization", values, "Content-Type", List.of("application/json")));
        var tableBefore = table.allItems();

        var response = clients.get(keys).send(event);

        assertUnauthorized(response);
        assertThat(table.allItems()).containsExactlyInAnyOrderElementsOf(tableBefore);
        assertThat(table.partition(target.tenant(), target.documentId()))
                .containsExactlyInAnyOrderElementsOf(pristineTarget);
    }

    // ---- the control: the same handlers accept what the configured keys signed -----------------------------

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(KeySetting.class)
    void create_tokensSignedByConfiguredKeys_areAccepted(KeySetting keys) {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);
        HandlerClient client = clients.get(keys);

        var rs256 = client.post(document.documentId(), "{}", "Authorization", Tokens.bearer(rs256(claims -> claims)));
        var es256 = client.post(document.documentId(), "{}", "Authorization", Tokens.bearer(es256(claims -> claims)));
        // RFC 9110 makes the scheme name case-insensitive, and the verifier follows it.
        var lowerCase = client.post(document.documentId(), "{}", "Authorization", "bearer " + rs256(claims -> claims));

        assertThat(List.of(rs256, es256, lowerCase))
                .allSatisfy(response -> assertThat(response.status()).as(response.raw().getBody()).isEqualTo(201));
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private HandlerClient handlerWith(String keyVariable, String keyValue) {
        Map<String, String> env = new HashMap<>(table.handlerEnvironment());
        env.remove("JWT_HS256_SECRET");
        env.put(keyVariable, keyValue);
        return new HandlerClient(new CreateVersionHandler(Environment.of(env), logs.logger()));
    }

    private static void assertUnauthorized(HandlerClient.Response response) {
        ObjectNode expected = JSON.createObjectNode()
                .put("type", "https://docs.orbiqhq.com/errors/unauthorized")
                .put("code", "unauthorized")
                .put("message", "Authentication required.")
                .put("doc_url", "https://docs.orbiqhq.com/errors/unauthorized");

        assertThat(response.status()).as(response.raw().getBody()).isEqualTo(401);
        assertThat(response.json()).isEqualTo(expected);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        assertThat(response.header("X-Request-Id")).isNotBlank();
    }

    /** A token our RSA key signed, with the valid writer claims changed by {@code change} and a fresh jti. */
    private String rs256(UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(JWSAlgorithm.RS256, RSA_KID, rsaSigner(rsaKey), change);
    }

    private String es256(UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(JWSAlgorithm.ES256, EC_KID, ecSigner(ecKey), change);
    }

    private static String sign(JWSAlgorithm algorithm, String kid, JWSSigner signer,
            UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(new JWSHeader.Builder(algorithm).keyID(kid), signer, change);
    }

    /** Distinct jti values keep two otherwise equal tokens from being one (RS256 signatures are deterministic). */
    private static String sign(JWSHeader.Builder header, JWSSigner signer, UnaryOperator<JWTClaimsSet.Builder> change) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder(Signing.writerClaims())
                .jwtID(UUID.randomUUID().toString());
        return Signing.sign(header.build(), change.apply(claims).build(), signer);
    }

    private String signedByAttacker(UnaryOperator<JWSHeader.Builder> header) {
        return sign(header.apply(new JWSHeader.Builder(JWSAlgorithm.RS256)), rsaSigner(attackerRsaKey),
                claims -> claims);
    }

    /** A token whose header is replaced after signing; {@code signature} null keeps the original one. */
    private static String withHeader(String token, String headerJson, String signature) {
        String[] parts = token.split("\\.");
        return Base64URL.encode(headerJson) + "." + parts[1] + "." + (signature == null ? parts[2] : signature);
    }

    /** A token whose claims are changed after signing, keeping the original signature. */
    private static String withClaims(String token, UnaryOperator<JWTClaimsSet.Builder> change) {
        String[] parts = token.split("\\.");
        try {
            JWTClaimsSet original = JWTClaimsSet.parse(new Base64URL(parts[1]).decodeToString());
            String forged = change.apply(new JWTClaimsSet.Builder(original)).build().toString();
            return parts[0] + "." + Base64URL.encode(forged) + "." + parts[2];
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String withoutSignature(String token) {
        return token.substring(0, token.lastIndexOf('.') + 1);
    }

    /** A token our RSA key signed, with valid claims, over 64 KiB long: only its size is wrong. */
    private String oversized() {
        String padding = "p".repeat(OVERSIZED_TOKEN_CHARS * 3 / 4);
        String token = rs256(claims -> claims.claim("padding", padding));
        assertThat(token.length()).isGreaterThanOrEqualTo(OVERSIZED_TOKEN_CHARS);
        return token;
    }

    /** The writer claims encrypted (not signed) to our RSA public key: a JWE, never a JWS. */
    private String encryptedToOurKey() {
        try {
            EncryptedJWT jwe = new EncryptedJWT(new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_256,
                    EncryptionMethod.A256GCM).keyID(RSA_KID).build(), Signing.writerClaims());
            jwe.encrypt(new RSAEncrypter(rsaKey.toRSAPublicKey()));
            return jwe.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] rsaPublicKeyDer() {
        try {
            return rsaKey.toRSAPublicKey().getEncoded();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key file a provider publishes, byte for byte: the classic HMAC confusion secret. */
    private byte[] rsaPublicKeyPem() {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(rsaPublicKeyDer())
                + "\n-----END PUBLIC KEY-----\n";
        return pem.getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] ecPublicKeyDer() {
        try {
            return ecKey.toECPublicKey().getEncoded();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWSSigner rsaSigner(RSAKey key) {
        try {
            return new RSASSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWSSigner ecSigner(ECKey key) {
        try {
            return new ECDSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWSSigner macSigner(byte[] secret) {
        try {
            return new MACSigner(secret);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Date ago(Duration duration) {
        return Date.from(Instant.now().minus(duration));
    }

    private static Date fromNow(Duration duration) {
        return Date.from(Instant.now().plus(duration));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * An RSA key with a self-signed X.509 certificate, for the {@code x5c} case: the JDK can only mint certificates
     * through keytool, so this runs it once and loads the key pair and certificate chain from its key store.
     */
    private static RSAKey selfCertifiedRsaKey(Path dir) throws Exception {
        Path store = dir.resolve("attacker.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "attacker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=attacker", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", KEYSTORE_PASSWORD, "-keypass", KEYSTORE_PASSWORD)
                .redirectErrorStream(true)
                .start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor()).as("keytool: %s", output).isZero();

        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, KEYSTORE_PASSWORD.toCharArray());
        }
        RSAKey loaded = RSAKey.load(keyStore, "attacker", KEYSTORE_PASSWORD.toCharArray());
        assertThat(loaded.getX509CertChain()).isNotEmpty();
        return new RSAKey.Builder(loaded).keyID(ATTACKER_KID).build();
    }
}
