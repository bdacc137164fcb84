package com.orbiqhq.drafts.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvironmentTest {
    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t", " \n "})
    void optional_blankValue_countsAsUnset(String blank) {
        Environment env = Environment.of(Map.of("TABLE_NAME", blank));

        boolean set = env.isSet("TABLE_NAME");

        assertThat(set).isFalse();
        assertThat(env.optional("TABLE_NAME")).isEmpty();
        assertThat(env.orDefault("TABLE_NAME", "fallback")).isEqualTo("fallback");
    }

    @Test
    void optional_missingVariable_isEmpty() {
        Environment env = Environment.of(Map.of());

        boolean set = env.isSet("TABLE_NAME");

        assertThat(set).isFalse();
        assertThat(env.optional("TABLE_NAME")).isEmpty();
    }

    @Test
    void optional_valueWithSurroundingSpaces_isTrimmed() {
        Environment env = Environment.of(Map.of("TABLE_NAME", "  versions \n"));

        String value = env.required("TABLE_NAME");

        assertThat(value).isEqualTo("versions");
    }

    @Test
    void orDefault_setVariable_winsOverDefault() {
        Environment env = Environment.of(Map.of("TABLE_NAME", "versions"));

        String value = env.orDefault("TABLE_NAME", "fallback");

        assertThat(value).isEqualTo("versions");
    }

    @Test
    void required_missingVariable_throwsNamingIt() {
        Environment env = Environment.of(Map.of("OTHER", "x"));

        assertThatThrownBy(() -> env.required("TABLE_NAME"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("TABLE_NAME must be set");
    }

    @Test
    void required_blankVariable_throwsNamingIt() {
        Environment env = Environment.of(Map.of("TABLE_NAME", "   "));

        assertThatThrownBy(() -> env.required("TABLE_NAME"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("TABLE_NAME");
    }

    @Test
    void positiveInt_unset_returnsDefault() {
        Environment env = Environment.of(Map.of());

        int value = env.positiveInt("MAX_BODY_BYTES", 16_384);

        assertThat(value).isEqualTo(16_384);
    }

    @Test
    void positiveInt_blank_returnsDefault() {
        Environment env = Environment.of(Map.of("MAX_BODY_BYTES", " "));

        int value = env.positiveInt("MAX_BODY_BYTES", 16_384);

        assertThat(value).isEqualTo(16_384);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "4096", " 4096 ", "2147483647"})
    void positiveInt_validValue_isParsed(String text) {
        Environment env = Environment.of(Map.of("MAX_BODY_BYTES", text));

        int value = env.positiveInt("MAX_BODY_BYTES", 16_384);

        assertThat(value).isEqualTo(Integer.parseInt(text.trim()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "-4096", "abc", "12kb", "1.5", "1e3", "2147483648", "0x10"})
    void positiveInt_zeroNegativeOrGarbage_throwsNamingTheVariable(String text) {
        Environment env = Environment.of(Map.of("MAX_BODY_BYTES", text));

        assertThatThrownBy(() -> env.positiveInt("MAX_BODY_BYTES", 16_384))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("MAX_BODY_BYTES must be a positive whole number");
    }

    @Test
    void of_laterChangesToTheMap_areNotSeen() {
        Map<String, String> variables = new HashMap<>(Map.of("TABLE_NAME", "versions"));
        Environment env = Environment.of(variables);

        variables.put("TABLE_NAME", "changed");

        assertThat(env.required("TABLE_NAME")).isEqualTo("versions");
    }
}
