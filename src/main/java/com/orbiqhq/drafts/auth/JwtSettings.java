package com.orbiqhq.drafts.auth;

import com.orbiqhq.drafts.config.ConfigurationException;
import com.orbiqhq.drafts.config.Environment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How tokens are checked, read from the environment (names in the README's configuration table).
 *
 * @param issuer the exact {@code iss} every token must carry
 * @param audience the {@code aud} every token must include
 * @param keySource where the verification keys come from
 * @param tenantClaim the claim that names the caller's tenant
 * @param roleClaim the claim that names the caller's role (a string or a list of strings)
 * @param writerRoles the roles allowed to create versions
 */
public record JwtSettings(
        String issuer,
        String audience,
        KeySource keySource,
        String tenantClaim,
        String roleClaim,
        Set<String> writerRoles) {

    static final int MIN_SECRET_BYTES = 32;

    public static JwtSettings from(Environment env) {
        return new JwtSettings(
                env.required("JWT_ISSUER"),
                env.required("JWT_AUDIENCE"),
                keySource(env),
                env.orDefault("JWT_TENANT_CLAIM", "tenant"),
                env.orDefault("JWT_ROLE_CLAIM", "role"),
                commaSeparated(env.orDefault("WRITER_ROLES", "admin,content_manager")));
    }

    private static KeySource keySource(Environment env) {
        List<KeySource> configured = new ArrayList<>();
        env.optional("JWT_JWKS_URL").ifPresent(url -> configured.add(new KeySource.JwksUrl(url)));
        env.optional("JWT_JWKS").ifPresent(json -> configured.add(new KeySource.InlineJwks(json)));
        env.optional("JWT_HS256_SECRET").ifPresent(secret -> configured.add(sharedSecret(secret)));

        if (configured.size() != 1) {
            throw new ConfigurationException("Set exactly one of JWT_JWKS_URL, JWT_JWKS and JWT_HS256_SECRET"
                    + " (found " + configured.size() + ")");
        }
        return configured.get(0);
    }

    private static KeySource sharedSecret(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new ConfigurationException("JWT_HS256_SECRET must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        return new KeySource.SharedSecret(bytes);
    }

    private static Set<String> commaSeparated(String value) {
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(role -> !role.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
