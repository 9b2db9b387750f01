package io.toolcatalog.node.cluster;

import io.toolcatalog.core.concurrent.Scheduler;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the pub/sub listener without letting Redis decide whether the node starts: the container
 * throws when Redis is down at startup, so a failed start is retried in the background until it
 * subscribes (the container of plain pub/sub, or the {@link ShardedSubscription} in a Redis
 * Cluster). Meanwhile the revision poll keeps the node current (Redis down is
 * degraded, not down); the subscription's confirmation then triggers a catch-up as any other.
 */
final class ListenerStarter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ListenerStarter.class);

    private final SmartLifecycle container;
    private final Scheduler scheduler;
    private final Duration retryEvery;
    private Scheduler.Cancellable retrying;
    private volatile boolean running;

    ListenerStarter(SmartLifecycle container, Scheduler scheduler, Duration retryEvery) {
        this.container = container;
        this.scheduler = scheduler;
        this.retryEvery = retryEvery;
    }

    @Override
    public synchronized void start() {
        running = true;
        if (!tryStart()) {
            log.warn(
                    "Redis pub/sub unavailable at startup; serving from PostgreSQL, retrying every {} ms",
                    retryEvery.toMillis());
            retrying = scheduler.scheduleWithFixedDelay(this::retry, retryEvery, retryEvery);
        }
    }

    private synchronized void retry() {
        if (running && !container.isRunning() && tryStart()) {
            log.info("Redis pub/sub listener started");
            retrying.cancel();
        }
    }

    private boolean tryStart() {
        try {
            container.start();
            return container.isRunning();
        } catch (RuntimeException e) {
            log.debug("Listener start failed: {}", e.toString());
            try {
                container.stop();
            } catch (RuntimeException ignored) {
                // it did not start: nothing to stop
            }
            return false;
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (retrying != null) {
            retrying.cancel();
        }
        container.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Where the container itself would start: after the catalog is loaded. */
    @Override
    public int getPhase() {
        return container.getPhase();
    }
}
