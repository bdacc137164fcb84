package com.orbiqhq.drafts.load;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Where the load driver sends its requests and where it checks what they stored.
 *
 * @param front the local HTTP front's base URL (loopback)
 * @param dynamoDbEndpoint the database the front writes to, read back directly for the checks
 * @param tableName the table
 * @param hs256Secret the front's HS256 key, so the driver can mint tokens it accepts
 * @param issuer the front's required {@code iss}
 * @param audience the front's required {@code aud}
 * @param timeLimit how long one phase may take at most, retries of in-flight conflicts included
 */
public record LoadSettings(URI front, String dynamoDbEndpoint, String tableName, String hs256Secret, String issuer,
        String audience, Duration timeLimit) {

    /** The settings scripts/load exports. */
    static LoadSettings fromEnvironment(Map<String, String> env) {
        return new LoadSettings(URI.create(required(env, "LOAD_FRONT_URL")), required(env, "DYNAMODB_ENDPOINT"),
                required(env, "TABLE_NAME"), required(env, "JWT_HS256_SECRET"), required(env, "JWT_ISSUER"),
                required(env, "JWT_AUDIENCE"),
                Duration.ofSeconds(Long.parseLong(env.getOrDefault("LOAD_PHASE_TIME_LIMIT_SECONDS", "120"))));
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must be set");
        }
        return value;
    }
}
