package io.toolcatalog.node.robustness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A daemon thread that runs a task at a fixed delay, and what the task recorded, for a sampler the
 * run reads once it has stopped. {@link #close()} stops the thread and waits for the task to end.
 */
final class TimedRecords<T> implements AutoCloseable {

    private final List<T> records = Collections.synchronizedList(new ArrayList<>());
    private final ScheduledExecutorService timer;
    private final Duration drain;

    /** A thread named {@code threadName}; {@link #close()} waits up to {@code drain} for a running task. */
    TimedRecords(String threadName, Duration drain) {
        this.drain = drain;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    void start(Runnable task, long initialDelayMs, long delayMs) {
        timer.scheduleWithFixedDelay(task, initialDelayMs, delayMs, TimeUnit.MILLISECONDS);
    }

    void add(T record) {
        records.add(record);
    }

    /** What was recorded so far, in order. */
    List<T> all() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(drain.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
