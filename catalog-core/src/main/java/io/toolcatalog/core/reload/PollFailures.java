package io.toolcatalog.core.reload;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * How a failing revision poll is logged: the first failure with its stack, then nothing but a
 * summary at most every {@code summaryEvery}, and one line when the poll works again. A poll that
 * fails every second for an hour of database outage writes a handful of lines, not 3,600 stacks;
 * every failure is still counted ({@link #total()}).
 */
final class PollFailures {

    private final Logger log;
    private final Duration summaryEvery;
    private final LongSupplier nanoTime;
    private long total;
    private long inOutage;
    private long outageStartedNanos;
    private long lastLoggedNanos;

    PollFailures(Logger log, Duration summaryEvery, LongSupplier nanoTime) {
        this.log = log;
        this.summaryEvery = summaryEvery;
        this.nanoTime = nanoTime;
    }

    synchronized void failed(RuntimeException error, long applied) {
        total++;
        long now = nanoTime.getAsLong();
        if (inOutage++ == 0) {
            outageStartedNanos = now;
            lastLoggedNanos = now;
            log.warn("Revision poll failed; serving revision {} until the database answers again", applied, error);
        } else if (now - lastLoggedNanos >= summaryEvery.toNanos()) {
            lastLoggedNanos = now;
            log.warn(
                    "Revision poll still failing: {} failures in {} s, serving revision {}; last error: {}",
                    inOutage,
                    (now - outageStartedNanos) / 1_000_000_000,
                    applied,
                    error.getClass().getSimpleName());
        }
    }

    synchronized void succeeded() {
        if (inOutage > 0) {
            log.info(
                    "Revision poll works again after {} failures in {} s",
                    inOutage,
                    (nanoTime.getAsLong() - outageStartedNanos) / 1_000_000_000);
            inOutage = 0;
        }
    }

    /** Failed polls since start. */
    synchronized long total() {
        return total;
    }
}
