package io.toolcatalog.core.cluster;

import io.toolcatalog.core.cohort.ActiveRollout;
import io.toolcatalog.core.tool.ToolJson;
import java.util.List;
import java.util.Map;

/**
 * An active rollout as a {@link ChangeMessage} carries it: who is in its cohort ({@code percent} of
 * the consumers with {@code labels}) and what they are served ({@code candidates}, and {@code
 * removed}: names the candidate deletes), as of the message's revision. A rollout's candidates never
 * change once it started, so only the revision that starts it carries them; later ones leave both
 * null, and a receiver takes them from the rollout it already holds.
 */
public record CarriedRollout(
        long id,
        long changeRequestId,
        boolean paused,
        int step,
        double percent,
        Map<String, String> labels,
        long revision,
        List<CarriedTool> candidates,
        List<String> removed) {

    /** {@code rollout}, with its candidates when {@code started} (the message starts it). */
    static CarriedRollout of(ActiveRollout rollout, boolean started, ToolJson json) {
        return new CarriedRollout(
                rollout.id(),
                rollout.changeRequestId(),
                rollout.paused(),
                rollout.step(),
                rollout.percent(),
                rollout.cohortLabels(),
                rollout.revision(),
                started
                        ? rollout.candidates().values().stream()
                                .map(t -> CarriedTool.of(t, json))
                                .toList()
                        : null,
                started ? List.copyOf(rollout.removed()) : null);
    }

    /** Whether its candidates are left out: the receiver holds them from the rollout's start. */
    boolean candidatesKnown() {
        return candidates == null && removed == null;
    }
}
