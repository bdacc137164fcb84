package com.orbiqhq.drafts.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Mints HS256 tokens for tests with the settings in {@link #ENVIRONMENT}: a valid writer token by default, and
 * any claim changed through {@link #mint(UnaryOperator)}. The settings are the local ones that scripts/mint-token
 * and the files in events/ use, so those events verify unchanged.
 */
public final class Tokens {
    public static final String ISSUER = "https://auth.local.test";
    public static final String AUDIENCE = "documents-api";
    public static final String SECRET = "local-development-secret-never-use-in-production";
    public static final String TENANT = "acme";
    public static final String SUBJECT = "user-1";

    /** The JWT part of a handler's environment that accepts these tokens. */
    public static final Map<String, String> ENVIRONMENT = Map.of(
            "JWT_ISSUER", ISSUER,
            "JWT_AUDIENCE", AUDIENCE,
            "JWT_HS256_SECRET", SECRET);

    private Tokens() {
    }

    /** A valid token of an admin of {@link #TENANT}. */
    public static String writer() {
        return mint(claims -> claims);
    }

    public static String writerOf(String tenant) {
        return mint(claims -> claims.claim("tenant", tenant));
    }

    public static String withRole(String role) {
        return mint(claims -> claims.claim("role", role));
    }

    /** A token built from the valid defaults, changed by {@code change}. */
    public static String mint(UnaryOperator<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(SUBJECT)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .claim("tenant", TENANT)
                .claim("role", "admin");
        return sign(change.apply(claims).build(), SECRET);
    }

    public static String sign(JWTClaimsSet claims, String secret) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
