package io.toolcatalog.api.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.toolcatalog.core.rollout.OutcomeSlice;
import io.toolcatalog.core.rollout.Outcomes;
import io.toolcatalog.core.rollout.Rollout;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A rollout as the API shows it: its plan, where it stands, and — when read one at a time — the
 * outcomes within its window, its history and the outcomes per slice (the console's chart).
 */
record RolloutResponse(
        long id,
        long changeRequestId,
        String state,
        int step,
        double percent,
        List<StepBody> steps,
        CohortBody cohort,
        AbortBody abortWhen,
        boolean autoAdvance,
        List<String> tools,
        long startedRevision,
        long revision,
        Instant stepStartedAt,
        Instant nextStepAt,
        String startedBy,
        String reason,
        Instant createdAt,
        Instant updatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) OutcomesBody outcomes,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Rollout.RolloutChange> history,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<SliceBody> slices) {

    /** The rollout alone (lists). */
    static RolloutResponse of(Rollout r) {
        return of(r, null, null, null);
    }

    static RolloutResponse of(
            Rollout r, Outcomes outcomes, List<Rollout.RolloutChange> history, List<OutcomeSlice> slices) {
        return new RolloutResponse(
                r.id(),
                r.changeRequestId(),
                r.state().value(),
                r.step(),
                r.percent(),
                r.steps().stream()
                        .map(s -> new StepBody(s.percent(), s.hold().toString()))
                        .toList(),
                new CohortBody(r.cohortLabels()),
                new AbortBody(
                        r.abortWhen().failureRateMargin(),
                        r.abortWhen().minReports(),
                        r.abortWhen().window().toString()),
                r.autoAdvance(),
                r.tools(),
                r.startedRevision(),
                r.revision(),
                r.stepStartedAt(),
                r.nextStepAt(),
                r.startedBy(),
                r.reason(),
                r.createdAt(),
                r.updatedAt(),
                outcomes == null
                        ? null
                        : new OutcomesBody(
                                outcomes.window().toString(),
                                SideBody.of(outcomes.cohort()),
                                SideBody.of(outcomes.control())),
                history,
                slices == null
                        ? null
                        : slices.stream()
                                .map(s -> new SliceBody(s.start(), SideBody.of(s.cohort()), SideBody.of(s.control())))
                                .toList());
    }

    record StepBody(double percent, String hold) {}

    record CohortBody(Map<String, String> labels) {}

    record AbortBody(double failureRateMargin, int minReports, String window) {}

    record OutcomesBody(String window, SideBody cohort, SideBody control) {}

    record SideBody(long success, long failure, double failureRate) {

        static SideBody of(Outcomes.Side side) {
            return new SideBody(side.success(), side.failure(), side.failureRate());
        }
    }

    record SliceBody(Instant start, SideBody cohort, SideBody control) {}

    /** {@code GET /rollouts}. */
    record RolloutPage(List<RolloutResponse> rollouts) {}

    /** {@code POST /consumers/reports}. */
    record Accepted(int accepted) {}
}
