package com.orbiqhq.drafts.draft;

import com.orbiqhq.drafts.error.ServiceException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Full-jitter exponential backoff bounded by a deadline: before retry {@code n} it sleeps a random time under a
 * cap that starts at {@code firstCap} and doubles up to {@code maxCap}, so that invocations held up together do
 * not retry together. When the deadline would not leave enough time for the retry itself, it does not sleep but
 * answers 503.
 *
 * @param firstCap the cap of the pause before the first retry
 * @param maxCap the largest cap
 */
public record Backoff(Duration firstCap, Duration maxCap) {
    /**
     * Sleeps before a retry, or refuses it.
     *
     * @param retry 1 before the first retry, 2 before the second, ...
     * @param neededAfter the time the retry itself needs once the pause is over
     * @param reasonAtDeadline what the 503 says when the deadline leaves no room
     * @throws ServiceException 503 when the deadline leaves no room, or the thread is interrupted
     */
    public void pauseBefore(int retry, Deadline deadline, Duration neededAfter, String reasonAtDeadline) {
        long cap = Math.min(maxCap.toMillis(), firstCap.toMillis() << Math.min(retry - 1, 20));
        long pauseMillis = ThreadLocalRandom.current().nextLong(cap + 1);
        if (!deadline.hasAtLeast(neededAfter.plusMillis(pauseMillis))) {
            throw ServiceException.unavailable(reasonAtDeadline, null);
        }
        try {
            Thread.sleep(pauseMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ServiceException.unavailable("interrupted while waiting to retry", e);
        }
    }
}
