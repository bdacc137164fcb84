package com.orbiqhq.drafts.auth;

import static com.orbiqhq.drafts.auth.AuthFailures.assertUnauthorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.orbiqhq.drafts.config.ConfigurationException;
import com.orbiqhq.drafts.config.Environment;
import com.orbiqhq.drafts.testing.Tokens;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JwtVerifierInlineJwksTest {
    private static RSAKey rsaKey;
    private static RSAKey rs512Key;
    private static ECKey ecKey;
    private static RSAKey attackerKey;
    private static JwtVerifier verifier;

    @BeforeAll
    static void generateKeys() throws JOSEException {
        rsaKey = new RSAKeyGenerator(2048).keyID("rsa-1").keyUse(KeyUse.SIGNATURE).generate();
        rs512Key = new RSAKeyGenerator(2048).keyID("rsa-512").algorithm(JWSAlgorithm.RS512).generate();
        ecKey = new ECKeyGenerator(Curve.P_256).keyID("ec-1").keyUse(KeyUse.SIGNATURE).generate();
        attackerKey = new RSAKeyGenerator(2048).keyID("attacker-1").generate();
        verifier = verifierFor(Signing.publicJwks(rsaKey, rs512Key, ecKey));
    }

    @Test
    void authenticate_rs256TokenWithKnownKid_returnsCaller() throws JOSEException {
        String token = sign(JWSAlgorithm.RS256, rsaKey.getKeyID(), new RSASSASigner(rsaKey));

        Caller caller = verifier.authenticate(Tokens.bearer(token));

        assertThat(caller.subject()).isEqualTo(Tokens.SUBJECT);
        assertThat(caller.tenantId()).isEqualTo(Tokens.TENANT);
        assertThat(caller.roles()).containsExactly("admin");
    }

    @Test
    void authenticate_es256TokenFromP256Key_returnsCaller() throws JOSEException {
        String token = sign(JWSAlgorithm.ES256, ecKey.getKeyID(), new ECDSASigner(ecKey));

        Caller caller = verifier.authenticate(Tokens.bearer(token));

        assertThat(caller.subject()).isEqualTo(Tokens.SUBJECT);
    }

    @Test
    void authenticate_unknownKid_throwsUnauthorized() throws JOSEException {
        String token = sign(JWSAlgorithm.RS256, "no-such-key", new RSASSASigner(rsaKey));

        Throwable thrown = catchThrowable(() -> verifier.authenticate(Tokens.bearer(token)));

        assertUnauthorized(thrown);
    }

    @Test
    void authenticate_rs256TokenWithoutKid_isVerifiedAgainstConfiguredKeys() throws JOSEException {
        String ours = sign(JWSAlgorithm.RS256, null, new RSASSASigner(rsaKey));
        String foreign = sign(JWSAlgorithm.RS256, null, new RSASSASigner(attackerKey));

        Caller caller = verifier.authenticate(Tokens.bearer(ours));
        Throwable thrown = catchThrowable(() -> verifier.authenticate(Tokens.bearer(foreign)));

        assertThat(caller.subject()).isEqualTo(Tokens.SUBJECT);
        assertUnauthorized(thrown);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PS256", "RS384", "RS512"})
    void authenticate_rsaKeyWithoutAlgSignsOtherAlgorithm_throwsUnauthorized(String algorithm)
            throws JOSEException {
        String token = sign(JWSAlgorithm.parse(algorithm), rsaKey.getKeyID(), new RSASSASigner(rsaKey));

        Throwable thrown = catchThrowable(() -> verifier.authenticate(Tokens.bearer(token)));

        assertUnauthorized(thrown);
    }

    @Test
    void authenticate_rs512KeySignsRs512_returnsCaller() throws JOSEException {
        String token = sign(JWSAlgorithm.RS512, rs512Key.getKeyID(), new RSASSASigner(rs512Key));

        Caller caller = verifier.authenticate(Tokens.bearer(token));

        assertThat(caller.subject()).isEqualTo(Tokens.SUBJECT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "PS512"})
    void authenticate_rs512KeySignsOtherAlgorithm_throwsUnauthorized(String algorithm) throws JOSEException {
        String token = sign(JWSAlgorithm.parse(algorithm), rs512Key.getKeyID(), new RSASSASigner(rs512Key));

        Throwable thrown = catchThrowable(() -> verifier.authenticate(Tokens.bearer(token)));

        assertUnauthorized(thrown);
    }

    @Test
    void authenticate_hs256KeyedWithEncodedRsaPublicKey_throwsUnauthorized() throws JOSEException {
        byte[] secret = rsaKey.toRSAPublicKey().getEncoded();
        String token = sign(JWSAlgorithm.HS256, rsaKey.getKeyID(), new MACSigner(secret));

        Throwable thrown = catchThrowable(() -> verifier.authenticate(Tokens.bearer(token)));

        assertUnauthorized(thrown);
    }

    @Test
    void authenticate_hs256KeyedWithRsaPublicJwkJson_throwsUnauthorized() throws JOSEException {
        byte[] secret = rsaKey.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        String token = sign(JWSAlgorithm.HS256, rsaKey.getKeyID(), new MACSigner(secret));

        Throwable thrown = catchThrowable(() -> verifier.authenticate(Tokens.bearer(token)));

        assertUnauthorized(thrown);
    }

    @Test
    void authenticate_embeddedJwkOfAttacker_throwsUnauthorized() throws JOSEException {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(rsaKey.getKeyID())
                .jwk(attackerKey.toPublicJWK())
                .build();
        String token = Signing.sign(header, Signing.writerClaims(), new RSASSASigner(attackerKey));

        Throwable thrown = catchThrowable(() -> verifier.authenticate(Tokens.bearer(token)));

        assertUnauthorized(thrown);
    }

    @Test
    void authenticate_jkuHeaderPointingAtAttackerKeys_throwsUnauthorizedWithoutFetching() throws Exception {
        try (JwksServer attackerServer = JwksServer.serving(Signing.publicJwks(attackerKey))) {
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                    .keyID(attackerKey.getKeyID())
                    .jwkURL(attackerServer.uri("/jwks"))
                    .build();
            String token = Signing.sign(header, Signing.writerClaims(), new RSASSASigner(attackerKey));

            Throwable thrown = catchThrowable(() -> verifier.authenticate(Tokens.bearer(token)));

            assertUnauthorized(thrown);
            assertThat(attackerServer.hits()).isZero();
        }
    }

    @Test
    void authenticate_x5uHeaderPointingAtAttackerUrl_throwsUnauthorizedWithoutFetching() throws Exception {
        try (JwksServer attackerServer = JwksServer.serving(Signing.publicJwks(attackerKey))) {
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                    .keyID(attackerKey.getKeyID())
                    .x509CertURL(attackerServer.uri("/cert.pem"))
                    .build();
            String token = Signing.sign(header, Signing.writerClaims(), new RSASSASigner(attackerKey));

            Throwable thrown = catchThrowable(() -> verifier.authenticate(Tokens.bearer(token)));

            assertUnauthorized(thrown);
            assertThat(attackerServer.hits()).isZero();
        }
    }

    @Test
    void create_jwksWithOnlySymmetricKey_throwsConfigurationException() throws JOSEException {
        OctetSequenceKey secretKey = new OctetSequenceKeyGenerator(256).keyID("oct-1").generate();
        String jwks = "{\"keys\":[" + secretKey.toJSONString() + "]}";

        Throwable thrown = catchThrowable(() -> verifierFor(jwks));

        assertThat(thrown).isInstanceOf(ConfigurationException.class).hasMessageContaining("JWT_JWKS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"keys\":[]}", "not json", "{\"keys\":{}}"})
    void create_emptyOrInvalidJwks_throwsConfigurationException(String jwks) {
        Throwable thrown = catchThrowable(() -> verifierFor(jwks));

        assertThat(thrown).isInstanceOf(ConfigurationException.class).hasMessageContaining("JWT_JWKS");
    }

    @Test
    void create_jwksHoldingPrivateKey_verifiesWithItsPublicHalf() throws JOSEException {
        JwtVerifier privateKeyVerifier = verifierFor("{\"keys\":[" + rsaKey.toJSONString() + "]}");
        String token = sign(JWSAlgorithm.RS256, rsaKey.getKeyID(), new RSASSASigner(rsaKey));

        Caller caller = privateKeyVerifier.authenticate(Tokens.bearer(token));

        assertThat(caller.subject()).isEqualTo(Tokens.SUBJECT);
    }

    private static String sign(JWSAlgorithm algorithm, String kid, JWSSigner signer) {
        JWSHeader header = new JWSHeader.Builder(algorithm).keyID(kid).build();
        return Signing.sign(header, Signing.writerClaims(), signer);
    }

    private static JwtVerifier verifierFor(String jwks) {
        Map<String, String> env = Map.of(
                "JWT_ISSUER", Tokens.ISSUER,
                "JWT_AUDIENCE", Tokens.AUDIENCE,
                "JWT_JWKS", jwks);
        return JwtVerifier.create(JwtSettings.from(Environment.of(env)));
    }
}
