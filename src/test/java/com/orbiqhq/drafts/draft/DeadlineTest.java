package com.orbiqhq.drafts.draft;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadlineTest {
    @Test
    void remaining_freshDeadline_isAtMostTheBudgetAndClose() {
        Deadline deadline = Deadline.after(Duration.ofSeconds(60));

        Duration remaining = deadline.remaining();

        assertThat(remaining).isLessThanOrEqualTo(Duration.ofSeconds(60)).isGreaterThan(Duration.ofSeconds(50));
    }

    @Test
    void remaining_afterTimePasses_shrinks() throws InterruptedException {
        Deadline deadline = Deadline.after(Duration.ofSeconds(60));
        Duration before = deadline.remaining();

        Thread.sleep(20);
        Duration after = deadline.remaining();

        assertThat(after).isLessThan(before);
    }

    @Test
    void remaining_pastDeadline_isZeroNotNegative() {
        Deadline deadline = Deadline.after(Duration.ofSeconds(-5));

        Duration remaining = deadline.remaining();

        assertThat(remaining).isEqualTo(Duration.ZERO);
    }

    @Test
    void hasAtLeast_lessThanRemaining_isTrue() {
        Deadline deadline = Deadline.after(Duration.ofSeconds(60));

        boolean enough = deadline.hasAtLeast(Duration.ofSeconds(30));

        assertThat(enough).isTrue();
    }

    @Test
    void hasAtLeast_moreThanRemaining_isFalse() {
        Deadline deadline = Deadline.after(Duration.ofSeconds(60));

        boolean enough = deadline.hasAtLeast(Duration.ofSeconds(61));

        assertThat(enough).isFalse();
    }

    @Test
    void hasAtLeast_pastDeadline_onlyForZero() {
        Deadline deadline = Deadline.after(Duration.ofMillis(-1));

        boolean zero = deadline.hasAtLeast(Duration.ZERO);
        boolean oneMillisecond = deadline.hasAtLeast(Duration.ofMillis(1));

        assertThat(zero).isTrue();
        assertThat(oneMillisecond).isFalse();
    }
}
