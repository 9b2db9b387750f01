package io.toolcatalog.core.rollout;

import io.toolcatalog.core.cohort.ActiveRollout;
import io.toolcatalog.core.cohort.ConsumerIdentity;
import io.toolcatalog.core.error.RolloutException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outcomes consumers report on the tools they call. Each count lands on the rollout that holds the
 * tool, on the cohort's side when the consumer is in the cohort at the revision this node serves,
 * else on the control's, summed per {@link #SLICE} in PostgreSQL so every node's driver sees all of
 * them. An apply failure from a consumer in a cohort aborts that rollout.
 */
public final class OutcomeReports {

    private static final Logger log = LoggerFactory.getLogger(OutcomeReports.class);

    /** Outcomes are summed per this many seconds. */
    static final long SLICE = 10;

    /** One tool's counts in a report. */
    public record Counts(long success, long failure) {}

    /** A consumer that could not apply what it was given. */
    public record ApplyFailure(long revision, String tool, String error) {}

    private final RolloutStore store;
    private final Rollouts rollouts;
    private final Clock clock;

    public OutcomeReports(RolloutStore store, Rollouts rollouts, Clock clock) {
        this.store = store;
        this.rollouts = rollouts;
        this.clock = clock;
    }

    /**
     * Records {@code who}'s report against the rollouts active in {@code active}; how many tools'
     * counts were taken (a tool under no rollout counts nowhere).
     */
    public int record(
            ConsumerIdentity who, List<ActiveRollout> active, Map<String, Counts> tools, List<ApplyFailure> failures) {
        Instant slice = Instant.ofEpochSecond(clock.instant().getEpochSecond() / SLICE * SLICE);
        Map<String, long[]> sums = new LinkedHashMap<>();
        int counted = 0;
        for (Map.Entry<String, Counts> report : tools.entrySet()) {
            for (ActiveRollout rollout : active) {
                if (rollout.toolNames().contains(report.getKey())) {
                    long[] s = sums.computeIfAbsent(rollout.id() + ":" + rollout.includes(who), k -> new long[2]);
                    s[0] += report.getValue().success();
                    s[1] += report.getValue().failure();
                    counted++;
                    break;
                }
            }
        }
        sums.forEach((key, s) -> {
            int colon = key.indexOf(':');
            store.outcomeStore()
                    .add(
                            Long.parseLong(key.substring(0, colon)),
                            slice,
                            Boolean.parseBoolean(key.substring(colon + 1)),
                            s[0],
                            s[1]);
        });
        for (ApplyFailure failure : failures) {
            for (ActiveRollout rollout : active) {
                boolean concerned =
                        failure.tool() == null || rollout.toolNames().contains(failure.tool());
                if (concerned && rollout.includes(who)) {
                    abort(
                            rollout.id(),
                            "consumer " + who.id() + " failed to apply revision " + failure.revision() + ": "
                                    + failure.error());
                }
            }
        }
        return counted;
    }

    private void abort(long id, String reason) {
        try {
            rollouts.abort(id, Rollouts.DRIVER, reason);
            log.warn("Rollout {} aborted: {}", id, reason);
        } catch (RolloutException e) {
            log.debug("Rollout {} was not aborted: {}", id, e.getMessage());
        }
    }
}
