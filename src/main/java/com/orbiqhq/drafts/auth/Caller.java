package com.orbiqhq.drafts.auth;

import java.util.Set;

/**
 * Who is calling, as the verified token says.
 *
 * @param subject the token's {@code sub}; recorded as the draft's creator
 * @param tenantId the tenant the caller acts for, or {@code null} when the token names none usable
 * @param roles the roles from the configured role claim
 * @param scopes the OAuth scopes from the {@code scope} claim
 */
public record Caller(String subject, String tenantId, Set<String> roles, Set<String> scopes) {
    public Caller {
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
    }
}
