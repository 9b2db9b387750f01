package io.toolcatalog.core.cluster;

import io.toolcatalog.core.cohort.ActiveRollout;
import io.toolcatalog.core.tool.ToolJson;
import java.util.List;
import java.util.Map;

/**
 * An active rollout as a {@link ChangeMessage} carries it: who is in its cohort ({@code percent} of
 * the consumers with {@code labels}) and what they are served ({@code candidates}, and {@code
 * removed}: names the candidate deletes), as of the message's revision.
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

    static CarriedRollout of(ActiveRollout rollout, ToolJson json) {
        return new CarriedRollout(
                rollout.id(),
                rollout.changeRequestId(),
                rollout.paused(),
                rollout.step(),
                rollout.percent(),
                rollout.cohortLabels(),
                rollout.revision(),
                rollout.candidates().values().stream()
                        .map(t -> CarriedTool.of(t, json))
                        .toList(),
                List.copyOf(rollout.removed()));
    }
}
