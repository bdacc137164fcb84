package com.orbiqhq.drafts.auth;

import java.util.regex.Pattern;

/**
 * What a tenant id may look like. Tenant ids become part of DynamoDB partition keys, so the separator {@code #}
 * and anything unprintable are refused outright rather than escaped.
 */
public final class TenantIds {
    private static final Pattern VALID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$");

    private TenantIds() {
    }

    public static boolean isValid(String tenantId) {
        return tenantId != null && VALID.matcher(tenantId).matches();
    }
}
