package com.orbiqhq.drafts.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.orbiqhq.drafts.testing.Tokens;
import java.text.ParseException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds tokens with headers and keys that {@link Tokens} does not offer, on top of its valid claims. Public for the
 * handler-level tests in other packages that sign with RSA and EC keys.
 */
public final class Signing {
    private Signing() {
    }

    /** The claims of {@link Tokens#writer()}: right issuer, audience, subject, tenant and role, fresh times. */
    public static JWTClaimsSet writerClaims() {
        try {
            return SignedJWT.parse(Tokens.writer()).getJWTClaimsSet();
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JWKS document holding the public halves of {@code keys}. */
    public static String publicJwks(JWK... keys) {
        List<JWK> publicKeys = List.of(keys).stream().map(JWK::toPublicJWK).collect(Collectors.toList());
        return new JWKSet(publicKeys).toString();
    }
}
