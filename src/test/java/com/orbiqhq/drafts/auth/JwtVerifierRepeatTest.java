package com.orbiqhq.drafts.auth;

import static com.orbiqhq.drafts.auth.AuthFailures.assertUnauthorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.orbiqhq.drafts.config.Environment;
import com.orbiqhq.drafts.testing.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Date;
import org.junit.jupiter.api.Test;

/** A token presented again is answered from what its first verification found, and never beyond its expiry. */
class JwtVerifierRepeatTest {
    private Instant now = Instant.now();
    private final InstantSource clock = () -> now;
    private final JwtVerifier verifier =
            JwtVerifier.create(JwtSettings.from(Environment.of(Tokens.ENVIRONMENT)), clock,
                    () -> now.toEpochMilli() * 1_000_000);

    @Test
    void authenticate_sameTokenAgain_returnsTheSameCaller() {
        String token = Tokens.writer();

        Caller first = verifier.authenticate(Tokens.bearer(token));
        Caller again = verifier.authenticate(Tokens.bearer(token));

        assertThat(again).isEqualTo(first);
        assertThat(again.tenantId()).isEqualTo(Tokens.TENANT);
    }

    @Test
    void authenticate_verifiedTokenPastExpiryAndSkew_throwsUnauthorized() {
        String token = expiringIn(Duration.ofMinutes(2));
        verifier.authenticate(Tokens.bearer(token));

        now = now.plus(Duration.ofMinutes(2)).plusSeconds(JwtVerifier.MAX_CLOCK_SKEW_SECONDS + 1);
        Throwable thrown = catchThrowable(() -> verifier.authenticate(Tokens.bearer(token)));

        assertUnauthorized(thrown);
    }

    @Test
    void authenticate_verifiedTokenExpiredWithinSkew_isStillAccepted() {
        String token = expiringIn(Duration.ofMinutes(2));
        verifier.authenticate(Tokens.bearer(token));

        now = now.plus(Duration.ofMinutes(2)).plusSeconds(JwtVerifier.MAX_CLOCK_SKEW_SECONDS - 5);

        assertThat(verifier.authenticate(Tokens.bearer(token)).subject()).isEqualTo(Tokens.SUBJECT);
    }

    @Test
    void authenticate_verifiedTokenBeyondMaxAge_isVerifiedInFullAgain() {
        String token = expiringIn(Duration.ofHours(1));
        verifier.authenticate(Tokens.bearer(token));

        now = now.plusMillis(JwtVerifier.VERIFIED_TOKEN_MAX_AGE_MS + 1);

        assertThat(verifier.authenticate(Tokens.bearer(token)).subject()).isEqualTo(Tokens.SUBJECT);
    }

    @Test
    void authenticate_verifiedTokenWithAlteredSignature_throwsUnauthorized() {
        String token = Tokens.writer();
        verifier.authenticate(Tokens.bearer(token));
        char last = token.charAt(token.length() - 2);
        String altered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A')
                + token.charAt(token.length() - 1);

        Throwable thrown = catchThrowable(() -> verifier.authenticate(Tokens.bearer(altered)));

        assertUnauthorized(thrown);
    }

    @Test
    void authenticate_refusedTokenAgain_isRefusedAgain() {
        String token = Tokens.sign(Signing.writerClaims(), "another-secret-that-is-also-long-enough-for-hs256");

        assertUnauthorized(catchThrowable(() -> verifier.authenticate(Tokens.bearer(token))));
        assertUnauthorized(catchThrowable(() -> verifier.authenticate(Tokens.bearer(token))));
    }

    private String expiringIn(Duration lifetime) {
        return Tokens.mint(claims -> claims.issueTime(Date.from(now)).expirationTime(Date.from(now.plus(lifetime))));
    }
}
