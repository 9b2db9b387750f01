package io.toolcatalog.core.concurrent;

import java.time.Duration;

/** Runs tasks at a fixed delay; injected so the schedule can be driven by hand in tests. */
@FunctionalInterface
public interface Scheduler {

    /** Runs {@code task} after {@code initialDelay}, then {@code delay} after each run ends. */
    Cancellable scheduleWithFixedDelay(Runnable task, Duration initialDelay, Duration delay);

    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }

    static Scheduler of(java.util.concurrent.ScheduledExecutorService executor) {
        return (task, initialDelay, delay) -> {
            var future = executor.scheduleWithFixedDelay(
                    task, initialDelay.toMillis(), delay.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return () -> future.cancel(false);
        };
    }
}
