package io.toolcatalog.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential backoff with jitter: the n-th retry in a row waits a random time between half
 * and all of {@code min(max, initial * 2^n)}, so a thousand clients that lost the same node do not
 * all come back to the next one in the same millisecond.
 */
final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private int failures;

    Backoff(Duration initial, Duration max) {
        this.initialMillis = Math.max(1, initial.toMillis());
        this.maxMillis = Math.max(initialMillis, max.toMillis());
    }

    /** The wait before the next attempt; each call counts one more failure. */
    Duration next() {
        long ceiling = initialMillis << Math.min(failures, 30);
        long capped = ceiling <= 0 || ceiling > maxMillis ? maxMillis : ceiling;
        failures++;
        long half = capped / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(capped - half + 1));
    }

    /** A connection that delivered events: the next failure starts from {@code initial} again. */
    void reset() {
        failures = 0;
    }
}
