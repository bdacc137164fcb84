package com.orbiqhq.drafts.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {
    private static final Caller CALLER = new Caller("user-1", "acme", Set.of("admin"), Set.of());
    private static final long NOW = 1_800_000_000_000L;

    private long nanos = 5_000_000_000L;
    private final VerifiedTokens tokens = new VerifiedTokens(2, 300_000, () -> nanos);

    @Test
    void find_rememberedToken_returnsItsCallerUntilItIsNoLongerAccepted() {
        tokens.remember("a.b.c", CALLER, NOW + 60_000, NOW);

        assertThat(tokens.find("a.b.c", NOW + 59_999)).isEqualTo(CALLER);
        assertThat(tokens.find("a.b.c", NOW + 60_000)).isNull();
        assertThat(tokens.size()).isZero();
    }

    @Test
    void find_tokenAcceptedForLongerThanMaxAge_forgetsItAtMaxAge() {
        tokens.remember("a.b.c", CALLER, NOW + 3_600_000, NOW);

        nanos += 299_999_000_000L;
        assertThat(tokens.find("a.b.c", NOW + 299_999)).isEqualTo(CALLER);
        nanos += 1_000_000L;
        assertThat(tokens.find("a.b.c", NOW + 300_000)).isNull();
    }

    @Test
    void find_wallClockSteppedBack_stillForgetsTheTokenAtMaxAge() {
        tokens.remember("a.b.c", CALLER, NOW + 3_600_000, NOW);

        nanos += 300_000_000_000L;

        assertThat(tokens.find("a.b.c", NOW - 60_000)).isNull();
    }

    @Test
    void find_anyOtherString_returnsNull() {
        tokens.remember("a.b.c", CALLER, NOW + 60_000, NOW);

        assertThat(tokens.find("a.b.C", NOW)).isNull();
        assertThat(tokens.find("a.b.c ", NOW)).isNull();
        assertThat(tokens.find("a.b", NOW)).isNull();
    }

    @Test
    void remember_alreadyNoLongerAccepted_keepsNothing() {
        tokens.remember("a.b.c", CALLER, NOW, NOW);

        assertThat(tokens.size()).isZero();
    }

    @Test
    void remember_beyondCapacity_dropsTheLeastRecentlyUsed() {
        tokens.remember("first", CALLER, NOW + 60_000, NOW);
        tokens.remember("second", CALLER, NOW + 60_000, NOW);
        tokens.find("first", NOW);

        tokens.remember("third", CALLER, NOW + 60_000, NOW);

        assertThat(tokens.size()).isEqualTo(2);
        assertThat(tokens.find("first", NOW)).isEqualTo(CALLER);
        assertThat(tokens.find("second", NOW)).isNull();
        assertThat(tokens.find("third", NOW)).isEqualTo(CALLER);
    }
}
