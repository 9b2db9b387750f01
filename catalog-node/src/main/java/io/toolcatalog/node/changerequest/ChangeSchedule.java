package io.toolcatalog.node.changerequest;

import io.toolcatalog.core.changerequest.ChangeRequestPublishing;
import io.toolcatalog.core.concurrent.Scheduler;
import io.toolcatalog.core.rollout.RolloutDriver;
import io.toolcatalog.node.schedule.PeriodicTask;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code catalog.changes.schedule-poll}, publishes the scheduled change requests that are
 * due and moves the rollouts that are due to move (a step that held long enough, a cohort that
 * fares worse than its control). Every node runs it; PostgreSQL decides which node moves a request
 * or a rollout (the claim is a row lock of the moving transaction), so each move happens once, by
 * whichever node is alive.
 */
class ChangeSchedule extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(ChangeSchedule.class);

    private final ChangeRequestPublishing publishing;
    private final RolloutDriver rollouts;
    private final Clock clock;

    ChangeSchedule(
            ChangeRequestPublishing publishing,
            RolloutDriver rollouts,
            Scheduler scheduler,
            Duration poll,
            Clock clock) {
        super(scheduler, poll, poll);
        this.publishing = publishing;
        this.rollouts = rollouts;
        this.clock = clock;
    }

    @Override
    protected void runOnce() {
        publishDue();
        driveRollouts();
    }

    private void driveRollouts() {
        try {
            int moved = rollouts.tick();
            if (moved > 0) {
                log.info("Moved {} rollout(s)", moved);
            }
        } catch (RuntimeException e) {
            log.warn("Driving rollouts failed this round; the next poll tries again: {}", e.toString());
        }
    }

    private void publishDue() {
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
