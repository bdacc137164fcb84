package com.orbiqhq.drafts.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Picks the public keys that may verify a token, binding every key to exactly one algorithm.
 *
 * <p>A key's algorithm is its JWK {@code alg} member when present, otherwise the one its type implies (RSA:
 * RS256; EC: the ES algorithm of its curve). A token whose header names any other algorithm gets no key, which
 * is what defeats algorithm confusion: an RSA public key can never be used as an HMAC secret, and {@code none}
 * never matches anything. An unknown {@code kid} selects nothing here, which makes a caching JWKS source refresh
 * (rate-limited) before giving up.
 */
final class OneAlgorithmPerKeySelector implements JWSKeySelector<SecurityContext> {
    private static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);
    private static final Map<Curve, JWSAlgorithm> EC_ALGORITHMS = Map.of(
            Curve.P_256, JWSAlgorithm.ES256,
            Curve.P_384, JWSAlgorithm.ES384,
            Curve.P_521, JWSAlgorithm.ES512);

    private final JWKSource<SecurityContext> keys;

    OneAlgorithmPerKeySelector(JWKSource<SecurityContext> keys) {
        this.keys = keys;
    }

    @Override
    public List<Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
        JWSAlgorithm algorithm = header.getAlgorithm();
        if (!ASYMMETRIC.contains(algorithm)) {
            return List.of();
        }

        JWKMatcher matcher = new JWKMatcher.Builder()
                .keyID(header.getKeyID())
                .keyUses(KeyUse.SIGNATURE, null)
                .build();
        List<Key> selected = new ArrayList<>();
        for (JWK candidate : keys.get(new JWKSelector(matcher), context)) {
            if (algorithm.equals(algorithmOf(candidate))) {
                selected.add(publicKey(candidate));
            }
        }
        return selected;
    }

    /** The one algorithm a key may verify, or {@code null} when it may verify none. */
    static JWSAlgorithm algorithmOf(JWK key) {
        if (key.getAlgorithm() != null) {
            JWSAlgorithm declared = JWSAlgorithm.parse(key.getAlgorithm().getName());
            return ASYMMETRIC.contains(declared) && declaredFits(key, declared) ? declared : null;
        }
        if (key instanceof RSAKey) {
            return JWSAlgorithm.RS256;
        }
        if (key instanceof ECKey ecKey) {
            return EC_ALGORITHMS.get(ecKey.getCurve());
        }
        return null;
    }

    private static boolean declaredFits(JWK key, JWSAlgorithm declared) {
        if (key instanceof RSAKey) {
            return JWSAlgorithm.Family.RSA.contains(declared);
        }
        if (key instanceof ECKey ecKey) {
            return declared.equals(EC_ALGORITHMS.get(ecKey.getCurve()));
        }
        return false;
    }

    private static Key publicKey(JWK key) throws KeySourceException {
        try {
            return key instanceof RSAKey rsa ? rsa.toRSAPublicKey() : ((ECKey) key).toECPublicKey();
        } catch (JOSEException e) {
            throw new KeySourceException("JWK " + key.getKeyID() + " is not a usable public key", e);
        }
    }
}
