package io.toolcatalog.core.concurrent;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs background tasks on a schedule; injected so the schedule can be driven by hand in tests.
 * Every background task of the server runs on one.
 */
@FunctionalInterface
public interface Scheduler {

    /** Runs {@code task} after {@code initialDelay}, then {@code delay} after each run ends. */
    Cancellable scheduleWithFixedDelay(Runnable task, Duration initialDelay, Duration delay);

    /**
     * Runs {@code task} after {@code initialDelay}, then every {@code period} from the start of the
     * previous run (a heartbeat). A scheduler driven by hand, which has no clock, runs it as a fixed
     * delay.
     */
    default Cancellable scheduleAtFixedRate(Runnable task, Duration initialDelay, Duration period) {
        return scheduleWithFixedDelay(task, initialDelay, period);
    }

    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }

    static Scheduler of(ScheduledExecutorService executor) {
        return new Scheduler() {
            @Override
            public Cancellable scheduleWithFixedDelay(Runnable task, Duration initialDelay, Duration delay) {
                var future = executor.scheduleWithFixedDelay(
                        task, initialDelay.toMillis(), delay.toMillis(), TimeUnit.MILLISECONDS);
                return () -> future.cancel(false);
            }

            @Override
            public Cancellable scheduleAtFixedRate(Runnable task, Duration initialDelay, Duration period) {
                var future = executor.scheduleAtFixedRate(
                        task, initialDelay.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
                return () -> future.cancel(false);
            }
        };
    }
}
