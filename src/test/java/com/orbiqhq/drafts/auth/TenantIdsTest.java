package com.orbiqhq.drafts.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"acme", "a", "7", "Acme-Corp", "tenant_01", "org.example", "eu-west-1:4f2a",
        "owner@example.com"})
    void isValid_allowedCharacters_returnsTrue(String tenantId) {
        boolean valid = TenantIds.isValid(tenantId);

        assertThat(valid).isTrue();
    }

    @Test
    void isValid_128Characters_returnsTrue() {
        String longest = "t".repeat(128);

        boolean valid = TenantIds.isValid(longest);

        assertThat(valid).isTrue();
    }

    @Test
    void isValid_129Characters_returnsFalse() {
        String tooLong = "t".repeat(129);

        boolean valid = TenantIds.isValid(tooLong);

        assertThat(valid).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "acme#1", "#", "TENANT#acme", "-acme", ".acme", "_acme", "@acme", ":acme",
        "acme corp", " acme", "acme\n", "acme\t", "acme/1", "acme\u0000", "\u00e1cme", "acm\u00e9", "\u79df\u6237",
        "acme\u200b", "\uff41cme", "acme\u0660"})
    void isValid_forbiddenShape_returnsFalse(String tenantId) {
        boolean valid = TenantIds.isValid(tenantId);

        assertThat(valid).isFalse();
    }

    @Test
    void isValid_null_returnsFalse() {
        boolean valid = TenantIds.isValid(null);

        assertThat(valid).isFalse();
    }
}
