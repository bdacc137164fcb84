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
 * Prints the public JWK set on the first line, then as many distinct writer tokens of the demo tenant as asked
 * for (one per line; arguments: issuer, audience, number of tokens).
 */
public final class BenchTokens {
    private BenchTokens() {
    }

    public static void main(String[] args) throws JOSEException {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("benchmark").generate();
        Instant now = Instant.now();
        var signer = new ECDSASigner(key);
        StringBuilder out = new StringBuilder().append(new JWKSet(key.toPublicJWK())).append('\n');
        for (int i = 0; i < Integer.parseInt(args[2]); i++) {
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .issuer(args[0])
                    .audience(args[1])
                    .subject("benchmark")
                    .jwtID("benchmark-" + i)
                    .issueTime(Date.from(now))
                    .expirationTime(Date.from(now.plus(Duration.ofHours(2))))
                    .claim("tenant", "acme")
                    .claim("role", "admin")
                    .build();
            SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("benchmark").build(),
                    claims);
            token.sign(signer);
            out.append(token.serialize()).append('\n');
        }
        System.out.print(out);
    }
}
