package io.toolcatalog.node.changerequest;

import io.toolcatalog.core.changerequest.ChangeRequestPublishing;
import io.toolcatalog.core.concurrent.Scheduler;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Every {@code catalog.changes.schedule-poll}, publishes the scheduled change requests that are
 * due. Every node runs it; PostgreSQL decides which node publishes a request (the claim is a row
 * lock of the publishing transaction), so each is published once, by whichever node is alive.
 */
class ScheduledPublishes implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ScheduledPublishes.class);

    private final ChangeRequestPublishing publishing;
    private final Scheduler scheduler;
    private final Duration poll;
    private final Clock clock;
    private Scheduler.Cancellable task;

    ScheduledPublishes(ChangeRequestPublishing publishing, Scheduler scheduler, Duration poll, Clock clock) {
        this.publishing = publishing;
        this.scheduler = scheduler;
        this.poll = poll;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        task = scheduler.scheduleWithFixedDelay(this::publishDue, poll, poll);
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

    void publishDue() {
        try {
            int published = publishing.publishDue(clock.instant());
            if (published > 0) {
                log.info("Published {} scheduled change request(s)", published);
            }
        } catch (RuntimeException e) {
            log.warn("Scheduled publishing failed this round; the next poll tries again: {}", e.toString());
        }
    }
}
