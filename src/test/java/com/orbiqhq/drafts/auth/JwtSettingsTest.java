package com.orbiqhq.drafts.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.orbiqhq.drafts.config.ConfigurationException;
import com.orbiqhq.drafts.config.Environment;
import com.orbiqhq.drafts.testing.Tokens;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JwtSettingsTest {
    private static final String JWKS_URL = "https://login.example.com/.well-known/jwks.json";
    private static final String JWKS = "{\"keys\":[]}";

    @Test
    void from_hs256Environment_usesDefaultsForOptionalSettings() {
        JwtSettings settings = JwtSettings.from(Environment.of(Tokens.ENVIRONMENT));

        assertThat(settings.issuer()).isEqualTo(Tokens.ISSUER);
        assertThat(settings.audience()).isEqualTo(Tokens.AUDIENCE);
        assertThat(settings.tenantClaim()).isEqualTo("tenant");
        assertThat(settings.roleClaim()).isEqualTo("role");
        assertThat(settings.writerRoles()).containsExactlyInAnyOrder("admin", "content_manager");
        assertThat(settings.keySource()).isInstanceOfSatisfying(KeySource.SharedSecret.class,
                shared -> assertThat(shared.secret()).isEqualTo(Tokens.SECRET.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void from_jwksUrlOnly_usesRemoteKeySource() {
        Map<String, String> env = baseEnvironment();
        env.put("JWT_JWKS_URL", JWKS_URL);

        JwtSettings settings = JwtSettings.from(Environment.of(env));

        assertThat(settings.keySource()).isEqualTo(new KeySource.JwksUrl(JWKS_URL));
    }

    @Test
    void from_inlineJwksOnly_usesInlineKeySource() {
        Map<String, String> env = baseEnvironment();
        env.put("JWT_JWKS", JWKS);

        JwtSettings settings = JwtSettings.from(Environment.of(env));

        assertThat(settings.keySource()).isEqualTo(new KeySource.InlineJwks(JWKS));
    }

    @Test
    void from_blankKeySourcesBesideOneSet_countsBlankAsUnset() {
        Map<String, String> env = new HashMap<>(Tokens.ENVIRONMENT);
        env.put("JWT_JWKS_URL", "  ");
        env.put("JWT_JWKS", "");

        JwtSettings settings = JwtSettings.from(Environment.of(env));

        assertThat(settings.keySource()).isInstanceOf(KeySource.SharedSecret.class);
    }

    @Test
    void from_noKeySource_throwsConfigurationExceptionNamingAllThree() {
        Map<String, String> env = baseEnvironment();

        Throwable thrown = catchThrowable(() -> JwtSettings.from(Environment.of(env)));

        assertThat(thrown).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("JWT_JWKS_URL")
                .hasMessageContaining("JWT_JWKS ")
                .hasMessageContaining("JWT_HS256_SECRET");
    }

    @Test
    void from_twoKeySources_throwsConfigurationException() {
        Map<String, String> env = new HashMap<>(Tokens.ENVIRONMENT);
        env.put("JWT_JWKS_URL", JWKS_URL);

        Throwable thrown = catchThrowable(() -> JwtSettings.from(Environment.of(env)));

        assertThat(thrown).isInstanceOf(ConfigurationException.class).hasMessageContaining("exactly one");
    }

    @Test
    void from_allThreeKeySources_throwsConfigurationException() {
        Map<String, String> env = new HashMap<>(Tokens.ENVIRONMENT);
        env.put("JWT_JWKS_URL", JWKS_URL);
        env.put("JWT_JWKS", JWKS);

        Throwable thrown = catchThrowable(() -> JwtSettings.from(Environment.of(env)));

        assertThat(thrown).isInstanceOf(ConfigurationException.class).hasMessageContaining("exactly one");
    }

    @Test
    void from_secretOf31Bytes_throwsConfigurationException() {
        Map<String, String> env = baseEnvironment();
        env.put("JWT_HS256_SECRET", "s".repeat(JwtSettings.MIN_SECRET_BYTES - 1));

        Throwable thrown = catchThrowable(() -> JwtSettings.from(Environment.of(env)));

        assertThat(thrown).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("JWT_HS256_SECRET")
                .hasMessageContaining("32");
    }

    @Test
    void from_secretOf32Bytes_isAccepted() {
        Map<String, String> env = baseEnvironment();
        env.put("JWT_HS256_SECRET", "s".repeat(JwtSettings.MIN_SECRET_BYTES));

        JwtSettings settings = JwtSettings.from(Environment.of(env));

        assertThat(settings.keySource()).isInstanceOf(KeySource.SharedSecret.class);
    }

    @Test
    void from_secretOf16TwoByteCharacters_countsBytesNotCharacters() {
        Map<String, String> env = baseEnvironment();
        env.put("JWT_HS256_SECRET", "\u00e9".repeat(16));

        JwtSettings settings = JwtSettings.from(Environment.of(env));

        assertThat(settings.keySource()).isInstanceOfSatisfying(KeySource.SharedSecret.class,
                shared -> assertThat(shared.secret()).hasSize(32));
    }

    @Test
    void from_issuerMissing_throwsConfigurationExceptionNamingIssuer() {
        Map<String, String> env = new HashMap<>(Tokens.ENVIRONMENT);
        env.remove("JWT_ISSUER");

        Throwable thrown = catchThrowable(() -> JwtSettings.from(Environment.of(env)));

        assertThat(thrown).isInstanceOf(ConfigurationException.class).hasMessageContaining("JWT_ISSUER");
    }

    @Test
    void from_audienceBlank_throwsConfigurationExceptionNamingAudience() {
        Map<String, String> env = new HashMap<>(Tokens.ENVIRONMENT);
        env.put("JWT_AUDIENCE", "   ");

        Throwable thrown = catchThrowable(() -> JwtSettings.from(Environment.of(env)));

        assertThat(thrown).isInstanceOf(ConfigurationException.class).hasMessageContaining("JWT_AUDIENCE");
    }

    @Test
    void from_writerRolesWithSpacesAndEmptyEntries_trimsAndDropsEmpties() {
        Map<String, String> env = new HashMap<>(Tokens.ENVIRONMENT);
        env.put("WRITER_ROLES", " editor , ,publisher,,  owner ");

        JwtSettings settings = JwtSettings.from(Environment.of(env));

        assertThat(settings.writerRoles()).containsExactlyInAnyOrder("editor", "publisher", "owner");
    }

    @Test
    void from_customClaimNames_areUsed() {
        Map<String, String> env = new HashMap<>(Tokens.ENVIRONMENT);
        env.put("JWT_TENANT_CLAIM", "custom:tenant_id");
        env.put("JWT_ROLE_CLAIM", "cognito:groups");

        JwtSettings settings = JwtSettings.from(Environment.of(env));

        assertThat(settings.tenantClaim()).isEqualTo("custom:tenant_id");
        assertThat(settings.roleClaim()).isEqualTo("cognito:groups");
    }

    @Test
    void toString_sharedSecretSettings_hidesSecret() {
        JwtSettings settings = JwtSettings.from(Environment.of(Tokens.ENVIRONMENT));

        String text = settings.toString();

        assertThat(text).doesNotContain(Tokens.SECRET).contains("SharedSecret[hidden]");
    }

    private static Map<String, String> baseEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("JWT_ISSUER", Tokens.ISSUER);
        env.put("JWT_AUDIENCE", Tokens.AUDIENCE);
        return env;
    }
}
