package com.orbiqhq.drafts.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.orbiqhq.drafts.error.ClientException;
import com.orbiqhq.drafts.error.ErrorCode;
import com.orbiqhq.drafts.error.ServiceException;

/** Assertions on the API errors that authentication and authorisation answer with. */
final class AuthFailures {
    private AuthFailures() {
    }

    static void assertUnauthorized(Throwable thrown) {
        assertThat(thrown).isInstanceOfSatisfying(ClientException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNAUTHORIZED));
    }

    static void assertForbidden(Throwable thrown) {
        assertThat(thrown).isInstanceOfSatisfying(ClientException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.FORBIDDEN));
    }

    static void assertUnavailable(Throwable thrown) {
        assertThat(thrown).isInstanceOfSatisfying(ServiceException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
    }
}
