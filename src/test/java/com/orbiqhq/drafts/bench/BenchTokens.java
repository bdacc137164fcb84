package com.orbiqhq.drafts.bench;

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
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * A key pair and a token for the benchmark, so that it measures the token path deployed functions take: an
 * ES256 signature checked against a JWK set (what an OIDC provider issues), not the local HS256 shortcut.
 * Prints the public JWK set on the first line and a writer token of the demo tenant on the second.
 */
public final class BenchTokens {
    private BenchTokens() {
    }

    public static void main(String[] args) throws JOSEException {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("benchmark").generate();
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(args[0])
                .audience(args[1])
                .subject("benchmark")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(2))))
                .claim("tenant", "acme")
                .claim("role", "admin")
                .build();
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("benchmark").build(), claims);
        token.sign(new ECDSASigner(key));
        System.out.println(new JWKSet(key.toPublicJWK()));
        System.out.println(token.serialize());
    }
}
