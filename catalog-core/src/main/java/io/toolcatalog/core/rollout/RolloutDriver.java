package io.toolcatalog.core.rollout;

import io.toolcatalog.core.error.CatalogException;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What moves rollouts by themselves, run on every node every second: a running rollout whose
 * cohort fares worse than the control by more than its rule allows is aborted, and one whose step
 * has held long enough advances (with {@code auto_advance}). Each move claims the rollout's row
 * with {@code SKIP LOCKED} inside its revision and is conditional on the step the driver read, so
 * whichever node gets there first moves it, once, and a node that dies mid-move moves nothing.
 */
public final class RolloutDriver {

    private static final Logger log = LoggerFactory.getLogger(RolloutDriver.class);

    private final RolloutStore store;
    private final Rollouts rollouts;
    private final Clock clock;

    public RolloutDriver(RolloutStore store, Rollouts rollouts, Clock clock) {
        this.store = store;
        this.rollouts = rollouts;
        this.clock = clock;
    }

    /** One round over the running rollouts; how many this node moved. */
    public int tick() {
        Instant now = clock.instant();
        int moved = 0;
        for (long id : store.running()) {
            try {
                if (drive(id, now)) {
                    moved++;
                }
            } catch (CatalogException e) {
                log.warn("Rollout {} could not be moved: {}", id, e.getMessage());
            }
        }
        return moved;
    }

    private boolean drive(long id, Instant now) {
        Rollout rollout = store.find(id).orElse(null);
        if (rollout == null || rollout.state() != RolloutState.RUNNING) {
            return false;
        }
        String reason = rollouts.outcomes(rollout, now).abortReason(rollout.abortWhen());
        if (reason != null) {
            boolean aborted = rollouts.abort(rollout, Rollouts.DRIVER, reason, true);
            if (aborted) {
                log.warn("Rollout {} aborted: {}", id, reason);
            }
            return aborted;
        }
        Instant due = rollout.nextStepAt();
        if (due != null && !due.isAfter(now)) {
            return rollouts.advance(rollout, Rollouts.DRIVER, true);
        }
        return false;
    }
}
