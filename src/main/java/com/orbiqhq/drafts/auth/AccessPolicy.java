package com.orbiqhq.drafts.auth;

import com.orbiqhq.drafts.error.ClientException;
import java.util.Set;

/**
 * Decides whether an authenticated caller may create document versions: a tenant must be named, and the caller
 * needs one of the writer roles or the {@value #WRITE_SCOPE} scope.
 */
public final class AccessPolicy {
    public static final String WRITE_SCOPE = "documents:write";

    private final Set<String> writerRoles;

    public AccessPolicy(Set<String> writerRoles) {
        this.writerRoles = Set.copyOf(writerRoles);
    }

    /** Returns the caller's tenant, or answers 403 when the caller may not create versions. */
    public String requireVersionWriter(Caller caller) {
        if (caller.tenantId() == null) {
            throw ClientException.forbidden();
        }

        boolean hasWriterRole = caller.roles().stream().anyMatch(writerRoles::contains);
        if (!hasWriterRole && !caller.scopes().contains(WRITE_SCOPE)) {
            throw ClientException.forbidden();
        }
        return caller.tenantId();
    }
}
