package io.toolcatalog.node.schedule;

import io.toolcatalog.core.concurrent.Scheduler;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;

/**
 * Background work a node repeats while it runs (pruning, publishing what is due, moving rollouts):
 * started and stopped with the application, on an injected {@link Scheduler}. {@link #runOnce}
 * must not throw: a round that fails logs and leaves the next round to try again.
 */
public abstract class PeriodicTask implements SmartLifecycle {

    private final Scheduler scheduler;
    private final Duration initialDelay;
    private final Duration every;
    private Scheduler.Cancellable task;

    protected PeriodicTask(Scheduler scheduler, Duration initialDelay, Duration every) {
        this.scheduler = scheduler;
        this.initialDelay = initialDelay;
        this.every = every;
    }

    /** One round of the work. */
    protected abstract void runOnce();

    @Override
    public synchronized void start() {
        task = scheduler.scheduleWithFixedDelay(this::runOnce, initialDelay, every);
    }

    @Override
    public synchronized void stop() {
        if (task != null) {
            task.cancel();
            task = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return task != null;
    }
}
