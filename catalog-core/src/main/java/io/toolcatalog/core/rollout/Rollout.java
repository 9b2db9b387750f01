package io.toolcatalog.core.rollout;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A rollout as PostgreSQL holds it: its plan, where it stands ({@code step}, {@code percent}), the
 * revision that last changed it and the tools it holds. {@code reason} says why it ended, when it
 * was aborted.
 */
public record Rollout(
        long id,
        long changeRequestId,
        RolloutState state,
        int step,
        double percent,
        List<RolloutStep> steps,
        Map<String, String> cohortLabels,
        AbortRule abortWhen,
        boolean autoAdvance,
        List<String> tools,
        long startedRevision,
        long revision,
        Instant stepStartedAt,
        String startedBy,
        String reason,
        Instant createdAt,
        Instant updatedAt) {

    public Rollout {
        steps = List.copyOf(steps);
        cohortLabels = Map.copyOf(cohortLabels);
        tools = List.copyOf(tools);
    }

    /** When the current step advances by itself; null when it does not (paused, manual, last step, ended). */
    public Instant nextStepAt() {
        if (state != RolloutState.RUNNING || !autoAdvance || step + 1 >= steps.size()) {
            return null;
        }
        return stepStartedAt.plus(steps.get(step).hold());
    }

    /** One revision of a rollout's history. */
    public record RolloutChange(
            long revision, RolloutState state, int step, double percent, Instant at, String by, String reason) {}
}
