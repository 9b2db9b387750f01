package io.toolcatalog.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * Capped exponential backoff with jitter: the n-th retry in a row waits a random time between half
 * and all of {@code min(max, initial * 2^n)}, so a thousand clients that lost the same node do not
 * all come back to the next one in the same millisecond. Progress on a connection starts the
 * count over only once that connection has lived {@code stableAfter}: a node that accepts streams
 * and drops them at once is retried ever more slowly, not every 50–100 ms.
 */
final class Backoff {

    /** How long a connection must have lived before its progress starts the backoff over, by default. */
    static final Duration DEFAULT_STABLE_AFTER = Duration.ofSeconds(5);

    private final long initialMillis;
    private final long maxMillis;
    private final long stableAfterNanos;
    private final LongSupplier nanoTime;
    private int failures;
    private long connectedAt;
    private boolean connected;

    Backoff(Duration initial, Duration max) {
        this(initial, max, DEFAULT_STABLE_AFTER, System::nanoTime);
    }

    Backoff(Duration initial, Duration max, Duration stableAfter, LongSupplier nanoTime) {
        this.initialMillis = Math.max(1, initial.toMillis());
        this.maxMillis = Math.max(initialMillis, max.toMillis());
        this.stableAfterNanos = stableAfter.toNanos();
        this.nanoTime = nanoTime;
    }

    /** The wait before the next attempt; each call counts one more failure (and ends the connection). */
    Duration next() {
        connected = false;
        long ceiling = initialMillis << Math.min(failures, 30);
        long capped = ceiling <= 0 || ceiling > maxMillis ? maxMillis : ceiling;
        failures++;
        long half = capped / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(capped - half + 1));
    }

    /** A connection was opened: its progress counts once it has lived {@code stableAfter}. */
    void connected() {
        connected = true;
        connectedAt = nanoTime.getAsLong();
    }

    /**
     * The connection delivered events: once it has lived {@code stableAfter}, the next failure starts
     * from {@code initial} again.
     */
    void reset() {
        if (connected && nanoTime.getAsLong() - connectedAt >= stableAfterNanos) {
            failures = 0;
        }
    }
}
