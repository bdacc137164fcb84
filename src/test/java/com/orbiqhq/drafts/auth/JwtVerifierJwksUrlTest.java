package com.orbiqhq.drafts.auth;

import static com.orbiqhq.drafts.auth.AuthFailures.assertUnauthorized;
import static com.orbiqhq.drafts.auth.AuthFailures.assertUnavailable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.orbiqhq.drafts.config.ConfigurationException;
import com.orbiqhq.drafts.config.Environment;
import com.orbiqhq.drafts.testing.Tokens;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JwtVerifierJwksUrlTest {
    private static RSAKey firstKey;
    private static RSAKey rotatedKey;

    private JwksServer server;

    @BeforeAll
    static void generateKeys() throws JOSEException {
        firstKey = new RSAKeyGenerator(2048).keyID("key-2024").generate();
        rotatedKey = new RSAKeyGenerator(2048).keyID("key-2025").generate();
    }

    @BeforeEach
    void startServer() throws IOException {
        server = JwksServer.serving(Signing.publicJwks(firstKey));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void authenticate_validRs256Token_fetchesJwksOnceAndCachesIt() {
        JwtVerifier verifier = verifierFor(server.uri("/jwks"));

        Caller first = verifier.authenticate(Tokens.bearer(signedBy(firstKey, firstKey.getKeyID())));
        Caller second = verifier.authenticate(Tokens.bearer(signedBy(firstKey, firstKey.getKeyID())));

        assertThat(first.subject()).isEqualTo(Tokens.SUBJECT);
        assertThat(second.tenantId()).isEqualTo(Tokens.TENANT);
        assertThat(server.hits()).isEqualTo(1);
    }

    @Test
    void authenticate_keyRotated_acceptsNewKidAfterExactlyOneRefetch() {
        JwtVerifier verifier = verifierFor(server.uri("/jwks"));
        verifier.authenticate(Tokens.bearer(signedBy(firstKey, firstKey.getKeyID())));
        server.serve(Signing.publicJwks(rotatedKey));

        Caller rotated = verifier.authenticate(Tokens.bearer(signedBy(rotatedKey, rotatedKey.getKeyID())));

        assertThat(rotated.subject()).isEqualTo(Tokens.SUBJECT);
        assertThat(server.hits()).isEqualTo(2);
    }

    @Test
    void authenticate_floodOfUnknownKidsAfterRotation_fetchesAtMostOnceMore() {
        JwtVerifier verifier = rotatedVerifier();
        int hitsBeforeFlood = server.hits();

        for (int i = 0; i < 20; i++) {
            String token = signedBy(rotatedKey, UUID.randomUUID().toString());
            catchThrowable(() -> verifier.authenticate(Tokens.bearer(token)));
        }
        Caller stillServed = verifier.authenticate(Tokens.bearer(signedBy(rotatedKey, rotatedKey.getKeyID())));

        assertThat(server.hits()).isLessThanOrEqualTo(hitsBeforeFlood + 1);
        assertThat(stillServed.subject()).isEqualTo(Tokens.SUBJECT);
    }

    @Test
    void authenticate_floodOfUnknownKidsAfterRotation_refusesEachWithUnauthorized() {
        JwtVerifier verifier = rotatedVerifier();

        List<Throwable> failures = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String token = signedBy(rotatedKey, UUID.randomUUID().toString());
            failures.add(catchThrowable(() -> verifier.authenticate(Tokens.bearer(token))));
        }

        assertThat(failures).allSatisfy(AuthFailures::assertUnauthorized);
    }

    @Test
    void authenticate_unknownKid_throwsUnauthorized() {
        JwtVerifier verifier = verifierFor(server.uri("/jwks"));
        String token = signedBy(rotatedKey, rotatedKey.getKeyID());

        Throwable thrown = catchThrowable(() -> verifier.authenticate(Tokens.bearer(token)));

        assertUnauthorized(thrown);
    }

    @Test
    void authenticate_jwksEndpointAnswers500_throwsServiceUnavailable() {
        server.failWith(500);
        JwtVerifier verifier = verifierFor(server.uri("/jwks"));
        String token = signedBy(firstKey, firstKey.getKeyID());

        Throwable thrown = catchThrowable(() -> verifier.authenticate(Tokens.bearer(token)));

        assertUnavailable(thrown);
        assertThat(server.hits()).isPositive();
    }

    @Test
    void authenticate_jwksEndpointRedirectsElsewhere_neverFollowsAndThrowsServiceUnavailable() throws IOException {
        try (JwksServer elsewhere = JwksServer.serving(Signing.publicJwks(firstKey))) {
            server.redirectTo(elsewhere.uri("/jwks"));
            JwtVerifier verifier = verifierFor(server.uri("/jwks"));
            String token = signedBy(firstKey, firstKey.getKeyID());

            Throwable thrown = catchThrowable(() -> verifier.authenticate(Tokens.bearer(token)));

            assertUnavailable(thrown);
            assertThat(server.hits()).isPositive();
            assertThat(elsewhere.hits()).as("the redirect is not followed, even to a server with the right keys")
                    .isZero();
        }
    }

    @Test
    void authenticate_jwksEndpointUnreachable_throwsServiceUnavailable() {
        URI jwksUri = server.uri("/jwks");
        server.close();
        JwtVerifier verifier = verifierFor(jwksUri);
        String token = signedBy(firstKey, firstKey.getKeyID());

        Throwable thrown = catchThrowable(() -> verifier.authenticate(Tokens.bearer(token)));

        assertUnavailable(thrown);
    }

    @Test
    void authenticate_jwksEndpointServesNonJson_throwsServiceUnavailable() {
        server.serve("<html>maintenance</html>");
        JwtVerifier verifier = verifierFor(server.uri("/jwks"));
        String token = signedBy(firstKey, firstKey.getKeyID());

        Throwable thrown = catchThrowable(() -> verifier.authenticate(Tokens.bearer(token)));

        assertUnavailable(thrown);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.com/jwks", "ftp://127.0.0.1/jwks", "file:///etc/jwks.json",
        "http://127.0.0.2/jwks", "https:///jwks", "not a url", "//127.0.0.1/jwks"})
    void jwksUrl_notHttpsNorLoopbackHttp_throwsConfigurationException(String url) {
        Throwable thrown = catchThrowable(() -> JwtVerifier.jwksUrl(url));

        assertThat(thrown).isInstanceOf(ConfigurationException.class).hasMessageContaining("JWT_JWKS_URL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://login.example.com/.well-known/jwks.json", "http://127.0.0.1:8080/jwks",
        "http://localhost:8080/jwks", "http://[::1]:8080/jwks"})
    void jwksUrl_httpsOrLoopbackHttp_returnsUrl(String url) {
        URI parsed = URI.create(url);

        String accepted = JwtVerifier.jwksUrl(url).toString();

        assertThat(accepted).isEqualTo(parsed.toString());
    }

    @Test
    void create_jwksUrlOverPlainHttpToRemoteHost_throwsConfigurationException() {
        Throwable thrown = catchThrowable(() -> verifierFor(URI.create("http://example.com/jwks")));

        assertThat(thrown).isInstanceOf(ConfigurationException.class).hasMessageContaining("JWT_JWKS_URL");
    }

    /** A verifier that has seen the first key and then, after the server rotated to the second, the second. */
    private JwtVerifier rotatedVerifier() {
        JwtVerifier verifier = verifierFor(server.uri("/jwks"));
        verifier.authenticate(Tokens.bearer(signedBy(firstKey, firstKey.getKeyID())));
        server.serve(Signing.publicJwks(rotatedKey));
        verifier.authenticate(Tokens.bearer(signedBy(rotatedKey, rotatedKey.getKeyID())));
        return verifier;
    }

    private static String signedBy(RSAKey key, String kid) {
        try {
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build();
            return Signing.sign(header, Signing.writerClaims(), new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JwtVerifier verifierFor(URI jwksUri) {
        Map<String, String> env = Map.of(
                "JWT_ISSUER", Tokens.ISSUER,
                "JWT_AUDIENCE", Tokens.AUDIENCE,
                "JWT_JWKS_URL", jwksUri.toString());
        return JwtVerifier.create(JwtSettings.from(Environment.of(env)));
    }
}
