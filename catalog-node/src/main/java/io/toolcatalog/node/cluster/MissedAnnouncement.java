package io.toolcatalog.node.cluster;

import io.toolcatalog.core.cluster.ChangeMessage;
import io.toolcatalog.core.concurrent.Scheduler;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.springframework.context.SmartLifecycle;

/**
 * The newest change this node committed but could not announce (Redis unreachable, the circuit
 * open, too many publishes in flight), announced again until Redis takes it: every {@code every},
 * and at once when this node resubscribes (Redis is back). Only the newest counts: a peer that
 * hears of it catches up everything before it from the database. Cleared once that revision, or a
 * later one, is announced.
 */
final class MissedAnnouncement implements SmartLifecycle {

    private final AtomicReference<ChangeMessage> newest = new AtomicReference<>();
    private final Scheduler scheduler;
    private final Duration every;
    private volatile Consumer<ChangeMessage> publisher = message -> {};
    private volatile Scheduler.Cancellable retries;

    MissedAnnouncement(Scheduler scheduler, Duration every) {
        this.scheduler = scheduler;
        this.every = every;
    }

    /** Who publishes the missed change again (the broadcaster, which reports back here). */
    void publishWith(Consumer<ChangeMessage> publisher) {
        this.publisher = publisher;
    }

    /** {@code message} could not be published. */
    void missed(ChangeMessage message) {
        newest.accumulateAndGet(
                message, (held, given) -> held == null || given.revision() > held.revision() ? given : held);
    }

    /** A message naming {@code revision} reached Redis. */
    void announced(long revision) {
        newest.updateAndGet(held -> held != null && held.revision() <= revision ? null : held);
    }

    /** Publishes the newest missed change again, as a plain doorbell, if there is one. */
    void announceNow() {
        ChangeMessage held = newest.get();
        if (held != null) {
            publisher.accept(held.withoutRows());
        }
    }

    @Override
    public synchronized void start() {
        retries = scheduler.scheduleWithFixedDelay(this::announceNow, every, every);
    }

    @Override
    public synchronized void stop() {
        if (retries != null) {
            retries.cancel();
            retries = null;
        }
    }

    @Override
    public boolean isRunning() {
        return retries != null;
    }
}
