package com.orbiqhq.drafts.auth;

import static com.orbiqhq.drafts.auth.AuthFailures.assertUnauthorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeyLengthException;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.orbiqhq.drafts.config.Environment;
import com.orbiqhq.drafts.testing.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JwtVerifierTest {
    private static final String OTHER_SECRET = "another-secret-that-is-also-long-enough-for-hs256";

    private final JwtVerifier verifier = verifierFor(Tokens.ENVIRONMENT);

    @Test
    void authenticate_validWriterToken_returnsSubjectTenantAndRole() {
        Caller caller = verifier.authenticate(Tokens.bearer(Tokens.writer()));

        assertThat(caller.subject()).isEqualTo(Tokens.SUBJECT);
        assertThat(caller.tenantId()).isEqualTo(Tokens.TENANT);
        assertThat(caller.roles()).containsExactly("admin");
        assertThat(caller.scopes()).isEmpty();
    }

    @Test
    void authenticate_roleClaimIsListOfStrings_returnsEveryStringRole() {
        String token = Tokens.mint(claims -> claims.claim("role", List.of("viewer", "content_manager", 7)));

        Caller caller = verifier.authenticate(Tokens.bearer(token));

        assertThat(caller.roles()).containsExactlyInAnyOrder("viewer", "content_manager");
    }

    @Test
    void authenticate_scopeClaimSpaceSeparated_returnsEachScope() {
        String token = Tokens.mint(claims -> claims.claim("scope", "openid  documents:read documents:write"));

        Caller caller = verifier.authenticate(Tokens.bearer(token));

        assertThat(caller.scopes()).containsExactlyInAnyOrder("openid", "documents:read", "documents:write");
    }

    @Test
    void authenticate_scopeClaimRepeatsAScope_returnsDistinctScopes() {
        String token = Tokens.mint(claims -> claims.claim("scope", "documents:write documents:write"));

        Caller caller = verifier.authenticate(Tokens.bearer(token));

        assertThat(caller.scopes()).containsExactly("documents:write");
    }

    @Test
    void authenticate_tenantClaimMissing_returnsCallerWithoutTenant() {
        String token = Tokens.mint(claims -> claims.claim("tenant", null));

        Caller caller = verifier.authenticate(Tokens.bearer(token));

        assertThat(caller.tenantId()).isNull();
        assertThat(caller.subject()).isEqualTo(Tokens.SUBJECT);
    }

    @Test
    void authenticate_tenantContainsKeySeparator_returnsCallerWithoutTenant() {
        Caller caller = verifier.authenticate(Tokens.bearer(Tokens.writerOf("acme#DOC#1")));

        assertThat(caller.tenantId()).isNull();
    }

    @Test
    void authenticate_tenantClaimIsNotString_returnsCallerWithoutTenant() {
        String token = Tokens.mint(claims -> claims.claim("tenant", 42));

        Caller caller = verifier.authenticate(Tokens.bearer(token));

        assertThat(caller.tenantId()).isNull();
    }

    @Test
    void authenticate_customTenantAndRoleClaims_readsConfiguredClaimsOnly() {
        Map<String, String> env = new HashMap<>(Tokens.ENVIRONMENT);
        env.put("JWT_TENANT_CLAIM", "custom:tenant");
        env.put("JWT_ROLE_CLAIM", "cognito:groups");
        JwtVerifier customVerifier = verifierFor(env);
        String token = Tokens.mint(claims -> claims
                .claim("custom:tenant", "globex")
                .claim("cognito:groups", List.of("content_manager")));

        Caller caller = customVerifier.authenticate(Tokens.bearer(token));

        assertThat(caller.tenantId()).isEqualTo("globex");
        assertThat(caller.roles()).containsExactly("content_manager");
    }

    @Test
    void authenticate_lowercaseBearerScheme_isAccepted() {
        Caller caller = verifier.authenticate("bearer " + Tokens.writer());

        assertThat(caller.subject()).isEqualTo(Tokens.SUBJECT);
    }

    @Test
    void authenticate_missingHeader_throwsUnauthorized() {
        Throwable thrown = catchThrowable(() -> verifier.authenticate(null));

        assertUnauthorized(thrown);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Basic dXNlcjpwYXNzd29yZA==", "Bearer", "Bearer ", "Bearer not-a-jwt",
        "Bearer abc.def.ghi", "Token abc.def.ghi"})
    void authenticate_malformedHeader_throwsUnauthorized(String header) {
        Throwable thrown = catchThrowable(() -> verifier.authenticate(header));

        assertUnauthorized(thrown);
    }

    @Test
    void authenticate_otherSchemeCarryingValidToken_throwsUnauthorized() {
        Throwable thrown = catchThrowable(() -> verifier.authenticate("Basic " + Tokens.writer()));

        assertUnauthorized(thrown);
    }

    @Test
    void authenticate_tokenFarOver8KiB_throwsUnauthorized() {
        String token = Tokens.mint(claims -> claims.claim("padding", "x".repeat(9_000)));

        Throwable thrown = catchThrowable(() -> verifier.authenticate(Tokens.bearer(token)));

        assertUnauthorized(thrown);
    }

    @Test
    void authenticate_validTokenJustOver8KiB_throwsUnauthorized() {
        String token = paddedWriterToken(JwtVerifier.MAX_TOKEN_CHARS + 1, JwtVerifier.MAX_TOKEN_CHARS + 9);

        Throwable thrown = catchThrowable(() -> verifier.authenticate(Tokens.bearer(token)));

        assertUnauthorized(thrown);
    }

    @Test
    void authenticate_validTokenJustUnder8KiB_isAccepted() {
        String token = paddedWriterToken(JwtVerifier.MAX_TOKEN_CHARS - 8, JwtVerifier.MAX_TOKEN_CHARS);

        Caller caller = verifier.authenticate(Tokens.bearer(token));

        assertThat(caller.subject()).isEqualTo(Tokens.SUBJECT);
    }

    @Test
    void authenticate_expiredBeyondClockSkew_throwsUnauthorized() {
        Instant now = Instant.now();
        String token = Tokens.mint(claims -> claims.expirationTime(Date.from(now.minusSeconds(120))));

        Throwable thrown = catchThrowable(() -> verifier.authenticate(Tokens.bearer(token)));

        assertUnauthorized(thrown);
    }

    @Test
    void authenticate_expiredWithinClockSkew_isAccepted() {
        Instant now = Instant.now();
        String token = Tokens.mint(claims -> claims.expirationTime(Date.from(now.minusSeconds(30))));

        Caller caller = verifier.authenticate(Tokens.bearer(token));

        assertThat(caller.subject()).isEqualTo(Tokens.SUBJECT);
    }

    @Test
    void authenticate_notBeforeTwoMinutesAhead_throwsUnauthorized() {
        Instant now = Instant.now();
        String token = Tokens.mint(claims -> claims.notBeforeTime(Date.from(now.plusSeconds(120))));

        Throwable thrown = catchThrowable(() -> verifier.authenticate(Tokens.bearer(token)));

        assertUnauthorized(thrown);
    }

    @Test
    void authenticate_issuedTwoMinutesAhead_throwsUnauthorized() {
        Instant now = Instant.now();
        String token = Tokens.mint(claims -> claims.issueTime(Date.from(now.plusSeconds(120))));

        Throwable thrown = catchThrowable(() -> verifier.authenticate(Tokens.bearer(token)));

        assertUnauthorized(thrown);
    }

    @Test
    void authenticate_issuedWithinClockSkewAhead_isAccepted() {
        Instant now = Instant.now();
        String token = Tokens.mint(claims -> claims.issueTime(Date.from(now.plusSeconds(30))));

        Caller caller = verifier.authenticate(Tokens.bearer(token));

        assertThat(caller.subject()).isEqualTo(Tokens.SUBJECT);
    }

    @Test
    void authenticate_missingExpiry_throwsUnauthorized() {
        String token = Tokens.mint(claims -> claims.expirationTime(null));

        Throwable thrown = catchThrowable(() -> verifier.authenticate(Tokens.bearer(token)));

        assertUnauthorized(thrown);
    }

    @Test
    void authenticate_missingSubject_throwsUnauthorized() {
        String token = Tokens.mint(claims -> claims.subject(null));

        Throwable thrown = catchThrowable(() -> verifier.authenticate(Tokens.bearer(token)));

        assertUnauthorized(thrown);
    }

    @Test
    void authenticate_blankSubject_throwsUnauthorized() {
        String token = Tokens.mint(claims -> claims.subject("   "));

        Throwable thrown = catchThrowable(() -> verifier.authenticate(Tokens.bearer(token)));

        assertUnauthorized(thrown);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.test", "https://issuer.test/", "HTTPS://ISSUER.TEST"})
    void authenticate_wrongIssuer_throwsUnauthorized(String issuer) {
        String token = Tokens.mint(claims -> claims.issuer(issuer));

        Throwable thrown = catchThrowable(() -> verifier.authenticate(Tokens.bearer(token)));

        assertUnauthorized(thrown);
    }

    @Test
    void authenticate_missingIssuer_throwsUnauthorized() {
        String token = Tokens.mint(claims -> claims.issuer(null));

        Throwable thrown = catchThrowable(() -> verifier.authenticate(Tokens.bearer(token)));

        assertUnauthorized(thrown);
    }

    @Test
    void authenticate_wrongAudience_throwsUnauthorized() {
        String token = Tokens.mint(claims -> claims.audience("billing-api"));

        Throwable thrown = catchThrowable(() -> verifier.authenticate(Tokens.bearer(token)));

        assertUnauthorized(thrown);
    }

    @Test
    void authenticate_missingAudience_throwsUnauthorized() {
        String token = Tokens.mint(claims -> claims.audience((String) null));

        Throwable thrown = catchThrowable(() -> verifier.authenticate(Tokens.bearer(token)));

        assertUnauthorized(thrown);
    }

    @Test
    void authenticate_audienceListIncludingOurs_isAccepted() {
        String token = Tokens.mint(claims -> claims.audience(List.of("billing-api", Tokens.AUDIENCE)));

        Caller caller = verifier.authenticate(Tokens.bearer(token));

        assertThat(caller.subject()).isEqualTo(Tokens.SUBJECT);
    }

    @Test
    void authenticate_unsignedAlgNoneToken_throwsUnauthorized() {
        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}").toString();
        String payload = Tokens.writer().split("\\.")[1];
        String unsigned = header + "." + payload + ".";

        Throwable thrown = catchThrowable(() -> verifier.authenticate(Tokens.bearer(unsigned)));

        assertUnauthorized(thrown);
    }

    @Test
    void authenticate_signedWithAnotherSecret_throwsUnauthorized() {
        String token = Tokens.sign(Signing.writerClaims(), OTHER_SECRET);

        Throwable thrown = catchThrowable(() -> verifier.authenticate(Tokens.bearer(token)));

        assertUnauthorized(thrown);
    }

    @Test
    void authenticate_payloadChangedAfterSigning_throwsUnauthorized() {
        String[] parts = Tokens.writer().split("\\.");
        JWTClaimsSet forged = new JWTClaimsSet.Builder(Signing.writerClaims()).claim("tenant", "globex").build();
        String tampered = parts[0] + "." + Base64URL.encode(forged.toString()) + "." + parts[2];

        Throwable thrown = catchThrowable(() -> verifier.authenticate(Tokens.bearer(tampered)));

        assertUnauthorized(thrown);
    }

    @Test
    void authenticate_otherHmacAlgorithmWithOurSecret_throwsUnauthorized() {
        String token = Signing.sign(new JWSHeader(JWSAlgorithm.HS512), Signing.writerClaims(),
                macSigner(Tokens.SECRET.repeat(2)));
        String sameSecretToken = Signing.sign(new JWSHeader(JWSAlgorithm.HS384), Signing.writerClaims(),
                macSigner(Tokens.SECRET));

        Throwable thrown = catchThrowable(() -> verifier.authenticate(Tokens.bearer(token)));
        Throwable sameSecretThrown = catchThrowable(() -> verifier.authenticate(Tokens.bearer(sameSecretToken)));

        assertUnauthorized(thrown);
        assertUnauthorized(sameSecretThrown);
    }

    @ParameterizedTest
    @ValueSource(strings = {"JWT", "at+jwt", "application/at+jwt"})
    void authenticate_acceptedTokenType_isAccepted(String type) {
        String token = signWithHeader(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType(type)));

        Caller caller = verifier.authenticate(Tokens.bearer(token));

        assertThat(caller.subject()).isEqualTo(Tokens.SUBJECT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"weird", "JOSE", "JOSE+JSON", "logout+jwt", "secevent+jwt"})
    void authenticate_otherTokenType_throwsUnauthorized(String type) {
        String token = signWithHeader(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType(type)));

        Throwable thrown = catchThrowable(() -> verifier.authenticate(Tokens.bearer(token)));

        assertUnauthorized(thrown);
    }

    @Test
    void authenticate_unknownCriticalHeader_throwsUnauthorized() {
        String token = signWithHeader(new JWSHeader.Builder(JWSAlgorithm.HS256)
                .criticalParams(Set.of("urn:example:must-understand"))
                .customParam("urn:example:must-understand", true));

        Throwable thrown = catchThrowable(() -> verifier.authenticate(Tokens.bearer(token)));

        assertUnauthorized(thrown);
    }

    private static JwtVerifier verifierFor(Map<String, String> env) {
        return JwtVerifier.create(JwtSettings.from(Environment.of(env)));
    }

    private static String signWithHeader(JWSHeader.Builder header) {
        return Signing.sign(header.build(), Signing.writerClaims(), macSigner(Tokens.SECRET));
    }

    private static MACSigner macSigner(String secret) {
        try {
            return new MACSigner(secret.getBytes(StandardCharsets.UTF_8));
        } catch (KeyLengthException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid writer token padded with a filler claim until its length falls in {@code [min, max]}. */
    private static String paddedWriterToken(int min, int max) {
        int unpadded = Tokens.mint(claims -> claims.claim("padding", "")).length();
        for (int filler = Math.max(0, (min - unpadded) * 3 / 4 - 8); filler < max; filler++) {
            String padding = "p".repeat(filler);
            String token = Tokens.mint(claims -> claims.claim("padding", padding));
            if (token.length() >= min && token.length() <= max) {
                return token;
            }
        }
        throw new IllegalStateException("no padding gives a token of " + min + " to " + max + " characters");
    }
}
