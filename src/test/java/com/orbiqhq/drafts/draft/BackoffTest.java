package com.orbiqhq.drafts.draft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.orbiqhq.drafts.error.ErrorCode;
import com.orbiqhq.drafts.error.ServiceException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(10), Duration.ofMillis(40));

    @Test
    void pauseBefore_manyRetriesWithRoomLeft_returnsAfterAPauseUnderTheLargestCap() {
        Deadline deadline = Deadline.after(Duration.ofSeconds(10));

        long started = System.nanoTime();
        backoff.pauseBefore(40, deadline, Duration.ofMillis(100), "unused");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void pauseBefore_deadlineLeavesNoRoomForTheRetry_answers503() {
        Deadline deadline = Deadline.after(Duration.ofMillis(50));

        Throwable thrown = catchThrowable(() ->
                backoff.pauseBefore(1, deadline, Duration.ofMillis(100), "kept conflicting"));

        assertThat(thrown).isInstanceOf(ServiceException.class);
        assertThat(((ServiceException) thrown).errorCode()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
        assertThat(((ServiceException) thrown).reason()).isEqualTo("kept conflicting");
    }
}
