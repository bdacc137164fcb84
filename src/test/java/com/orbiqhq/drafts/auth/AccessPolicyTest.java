package com.orbiqhq.drafts.auth;

import static com.orbiqhq.drafts.auth.AuthFailures.assertForbidden;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccessPolicyTest {
    private static final String TENANT = "acme";

    private final AccessPolicy policy = new AccessPolicy(Set.of("admin", "content_manager"));

    @ParameterizedTest
    @ValueSource(strings = {"admin", "content_manager"})
    void requireVersionWriter_writerRole_returnsTenant(String role) {
        Caller caller = new Caller("user-1", TENANT, Set.of(role), Set.of());

        String tenant = policy.requireVersionWriter(caller);

        assertThat(tenant).isEqualTo(TENANT);
    }

    @Test
    void requireVersionWriter_writerRoleAmongOthers_returnsTenant() {
        Caller caller = new Caller("user-1", TENANT, Set.of("viewer", "content_manager"), Set.of());

        String tenant = policy.requireVersionWriter(caller);

        assertThat(tenant).isEqualTo(TENANT);
    }

    @Test
    void requireVersionWriter_viewer_throwsForbidden() {
        Caller caller = new Caller("user-1", TENANT, Set.of("viewer"), Set.of());

        Throwable thrown = catchThrowable(() -> policy.requireVersionWriter(caller));

        assertForbidden(thrown);
    }

    @Test
    void requireVersionWriter_noRolesNorScopes_throwsForbidden() {
        Caller caller = new Caller("user-1", TENANT, Set.of(), Set.of());

        Throwable thrown = catchThrowable(() -> policy.requireVersionWriter(caller));

        assertForbidden(thrown);
    }

    @Test
    void requireVersionWriter_viewerWithWriteScope_returnsTenant() {
        Caller caller = new Caller("user-1", TENANT, Set.of("viewer"), Set.of("openid", AccessPolicy.WRITE_SCOPE));

        String tenant = policy.requireVersionWriter(caller);

        assertThat(tenant).isEqualTo(TENANT);
    }

    @Test
    void requireVersionWriter_readScopeOnly_throwsForbidden() {
        Caller caller = new Caller("client-1", TENANT, Set.of(), Set.of("documents:read"));

        Throwable thrown = catchThrowable(() -> policy.requireVersionWriter(caller));

        assertForbidden(thrown);
    }

    @Test
    void requireVersionWriter_adminWithoutTenant_throwsForbidden() {
        Caller caller = new Caller("user-1", null, Set.of("admin"), Set.of(AccessPolicy.WRITE_SCOPE));

        Throwable thrown = catchThrowable(() -> policy.requireVersionWriter(caller));

        assertForbidden(thrown);
    }

    @Test
    void requireVersionWriter_configuredRolesOnly_refusesDefaultRoles() {
        AccessPolicy editorsOnly = new AccessPolicy(Set.of("editor"));
        Caller admin = new Caller("user-1", TENANT, Set.of("admin"), Set.of());
        Caller editor = new Caller("user-2", "globex", Set.of("editor"), Set.of());

        Throwable thrown = catchThrowable(() -> editorsOnly.requireVersionWriter(admin));
        String tenant = editorsOnly.requireVersionWriter(editor);

        assertForbidden(thrown);
        assertThat(tenant).isEqualTo("globex");
    }

    @Test
    void constructor_rolesChangedAfterwards_keepsRolesGivenAtConstruction() {
        Set<String> roles = new HashSet<>(Set.of("admin"));
        AccessPolicy copied = new AccessPolicy(roles);
        roles.add("viewer");
        Caller viewer = new Caller("user-1", TENANT, Set.of("viewer"), Set.of());

        Throwable thrown = catchThrowable(() -> copied.requireVersionWriter(viewer));

        assertForbidden(thrown);
    }
}
