package com.orbiqhq.drafts.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.orbiqhq.drafts.config.ConfigurationException;
import com.orbiqhq.drafts.error.ClientException;
import com.orbiqhq.drafts.error.ServiceException;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.text.ParseException;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns an {@code Authorization} header into a verified {@link Caller}, or refuses it with 401.
 *
 * <p>What a token must satisfy: a {@code Bearer} scheme; a compact JWS (never {@code alg: none}, never JWE)
 * signed by a configured key with that key's one algorithm; {@code iss} exactly the configured issuer;
 * {@code aud} including the configured audience; {@code exp} and {@code sub} present; {@code exp}, {@code nbf}
 * and {@code iat} honoured with at most {@value #MAX_CLOCK_SKEW_SECONDS} seconds of skew. Header parameters
 * that point at keys ({@code jku}, {@code x5u}, {@code jwk}) are never followed: keys come only from the
 * configuration. A JWKS endpoint that cannot be reached is our outage (503), not the caller's fault.
 *
 * <p>A token that passed every check is remembered ({@link VerifiedTokens}) until its {@code exp} plus the same
 * skew, for at most
 * {@value #VERIFIED_TOKEN_MAX_AGE_MS} ms: its repeats skip the signature check, the largest share of a warm
 * request's CPU time.
 *
 * <p>Thread-safe; build one per execution environment, since it caches the JWKS and the verified tokens.
 */
public final class JwtVerifier {
    static final int MAX_CLOCK_SKEW_SECONDS = 60;
    static final int MAX_TOKEN_CHARS = 8192;

    private static final Pattern BEARER = Pattern.compile("^[Bb][Ee][Aa][Rr][Ee][Rr] +([A-Za-z0-9_.-]+)$");
    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]");
    private static final int JWKS_CONNECT_TIMEOUT_MS = 1_000;
    private static final int JWKS_READ_TIMEOUT_MS = 2_000;
    private static final int JWKS_SIZE_LIMIT_BYTES = 64 * 1024;
    private static final long JWKS_CACHE_TTL_MS = 15 * 60_000L;
    private static final long JWKS_REFRESH_TIMEOUT_MS = 3_000L;
    private static final long JWKS_MIN_REFRESH_INTERVAL_MS = 30_000L;
    static final long VERIFIED_TOKEN_MAX_AGE_MS = 5 * 60_000L;
    static final int VERIFIED_TOKEN_CAPACITY = 1024;

    private final DefaultJWTProcessor<SecurityContext> processor;
    private final String tenantClaim;
    private final String roleClaim;
    private final InstantSource clock;
    private final VerifiedTokens verified;

    private JwtVerifier(DefaultJWTProcessor<SecurityContext> processor, String tenantClaim, String roleClaim,
            InstantSource clock, LongSupplier monotonicNanos) {
        this.processor = processor;
        this.tenantClaim = tenantClaim;
        this.roleClaim = roleClaim;
        this.clock = clock;
        this.verified = new VerifiedTokens(VERIFIED_TOKEN_CAPACITY, VERIFIED_TOKEN_MAX_AGE_MS, monotonicNanos);
    }

    public static JwtVerifier create(JwtSettings settings) {
        return create(settings, InstantSource.system(), System::nanoTime);
    }

    /** With the clocks that decide expiry and the verified tokens' age, for tests that let time pass. */
    static JwtVerifier create(JwtSettings settings, InstantSource clock, LongSupplier monotonicNanos) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(
                JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), new JOSEObjectType("application/at+jwt"), null));
        processor.setJWSKeySelector(switch (settings.keySource()) {
            case KeySource.SharedSecret shared -> new SingleKeyJWSKeySelector<>(
                    JWSAlgorithm.HS256, new SecretKeySpec(shared.secret(), "HmacSHA256"));
            case KeySource.InlineJwks inline -> new OneAlgorithmPerKeySelector(inlineKeys(inline.json()));
            case KeySource.JwksUrl remote -> new OneAlgorithmPerKeySelector(remoteKeys(remote.url()));
        });
        processor.setJWTClaimsSetVerifier(new ClaimsRules(settings.issuer(), settings.audience(), clock));
        return new JwtVerifier(processor, settings.tenantClaim(), settings.roleClaim(), clock, monotonicNanos);
    }

    /**
     * Verifies the bearer token in an {@code Authorization} header value.
     *
     * @throws ClientException 401 for a missing, malformed, badly signed, expired or foreign token
     * @throws ServiceException 503 when the configured JWKS endpoint cannot be reached
     */
    public Caller authenticate(String authorizationHeader) {
        // Check size first, so an oversized header costs nothing more than its length.
        if (authorizationHeader == null || authorizationHeader.length() > MAX_TOKEN_CHARS + 64) {
            throw ClientException.unauthorized();
        }
        var bearer = BEARER.matcher(authorizationHeader.strip());
        if (!bearer.matches() || bearer.group(1).length() > MAX_TOKEN_CHARS) {
            throw ClientException.unauthorized();
        }

        String token = bearer.group(1);
        long now = clock.millis();
        Caller known = verified.find(token, now);
        if (known != null) {
            return known;
        }

        JWTClaimsSet claims;
        try {
            claims = processor.process(SignedJWT.parse(token), null);
        } catch (RateLimitReachedException e) {
            // An unknown kid while refetches are rate-limited: the token cannot be verified, which is its problem.
            throw ClientException.unauthorized();
        } catch (KeySourceException e) {
            throw ServiceException.unavailable("JWKS could not be fetched", e);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw ClientException.unauthorized();
        }

        Caller caller = new Caller(claims.getSubject(), tenantOf(claims), stringsOf(claims.getClaim(roleClaim)),
                scopesOf(claims.getClaim("scope")));
        // exp is required, so the claims check has made sure it is there.
        long acceptedUntil = claims.getExpirationTime().getTime() + MAX_CLOCK_SKEW_SECONDS * 1000L;
        verified.remember(token, caller, acceptedUntil, now);
        return caller;
    }

    private String tenantOf(JWTClaimsSet claims) {
        Object tenant = claims.getClaim(tenantClaim);
        return tenant instanceof String id && TenantIds.isValid(id) ? id : null;
    }

    private static Set<String> scopesOf(Object claim) {
        if (claim instanceof String spaceSeparated) {
            return Arrays.stream(spaceSeparated.trim().split(" +"))
                    .filter(scope -> !scope.isEmpty())
                    .collect(Collectors.toUnmodifiableSet());
        }
        return stringsOf(claim);
    }

    private static Set<String> stringsOf(Object claim) {
        if (claim instanceof String single) {
            return Set.of(single);
        }
        Set<String> values = new HashSet<>();
        if (claim instanceof Collection<?> many) {
            for (Object value : many) {
                if (value instanceof String text) {
                    values.add(text);
                }
            }
        }
        return values;
    }

    private static JWKSource<SecurityContext> inlineKeys(String json) {
        try {
            JWKSet keys = JWKSet.parse(json).toPublicJWKSet();
            if (keys.isEmpty()) {
                throw new ConfigurationException("JWT_JWKS holds no public RSA or EC key");
            }
            return new ImmutableJWKSet<>(keys);
        } catch (ParseException e) {
            throw new ConfigurationException("JWT_JWKS is not a valid JWKS document", e);
        }
    }

    private static JWKSource<SecurityContext> remoteKeys(String url) {
        URL jwksUrl = jwksUrl(url);
        return JWKSourceBuilder.<SecurityContext>create(jwksUrl, new NoRedirectRetriever())
                .cache(JWKS_CACHE_TTL_MS, JWKS_REFRESH_TIMEOUT_MS)
                .rateLimited(JWKS_MIN_REFRESH_INTERVAL_MS)
                .retrying(true)
                .build();
    }

    /** HTTPS only; plain HTTP is allowed to a loopback address, for tests and local runs. */
    static URL jwksUrl(String url) {
        try {
            URI uri = new URI(url);
            boolean https = "https".equals(uri.getScheme()) && uri.getHost() != null;
            boolean loopback = "http".equals(uri.getScheme()) && LOOPBACK_HOSTS.contains(uri.getHost());
            if (!https && !loopback) {
                throw new ConfigurationException("JWT_JWKS_URL must be an https URL");
            }
            return uri.toURL();
        } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
            throw new ConfigurationException("JWT_JWKS_URL is not a valid URL", e);
        }
    }

    /**
     * Fetches the JWKS from the configured URL and from nowhere else: a redirect is not followed but refused (the
     * retriever takes any status outside 2xx for a failed fetch, hence 503), so that neither the key server nor
     * anyone able to answer in its place can point the service at other keys.
     */
    private static final class NoRedirectRetriever extends DefaultResourceRetriever {
        NoRedirectRetriever() {
            super(JWKS_CONNECT_TIMEOUT_MS, JWKS_READ_TIMEOUT_MS, JWKS_SIZE_LIMIT_BYTES);
        }

        @Override
        protected HttpURLConnection openHTTPConnection(URL url) throws IOException {
            HttpURLConnection connection = super.openHTTPConnection(url);
            connection.setInstanceFollowRedirects(false);
            return connection;
        }
    }

    /** The claim checks: exact issuer, our audience, required expiry and subject, and no issue time ahead. */
    private static final class ClaimsRules extends DefaultJWTClaimsVerifier<SecurityContext> {
        private final InstantSource clock;

        ClaimsRules(String issuer, String audience, InstantSource clock) {
            super(Set.of(audience), new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("exp", "sub"), null);
            setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
            this.clock = clock;
        }

        @Override
        protected Date currentTime() {
            return new Date(clock.millis());
        }

        @Override
        public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
            super.verify(claims, context);

            // Check issue time: a token from the future was minted by a broken or hostile issuer.
            Date issuedAt = claims.getIssueTime();
            if (issuedAt != null && issuedAt.getTime() > currentTime().getTime() + MAX_CLOCK_SKEW_SECONDS * 1000L) {
                throw new BadJWTException("JWT issued in the future");
            }

            // Check subject: it becomes created_by, so it must be a non-blank string.
            if (claims.getSubject() == null || claims.getSubject().isBlank()) {
                throw new BadJWTException("JWT subject is blank");
            }
        }
    }
}
