package io.toolcatalog.core.rollout;

import io.toolcatalog.core.cohort.ConsumerIdentity;
import io.toolcatalog.core.error.RolloutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** How a rollout is to go: its steps, whom it may reach, when it stops by itself, and whether steps advance on their own. */
public record RolloutPlan(
        List<RolloutStep> steps, Map<String, String> cohortLabels, AbortRule abortWhen, boolean autoAdvance) {

    static final int MAX_STEPS = 20;
    static final Duration MAX_HOLD = Duration.ofDays(30);

    public RolloutPlan {
        steps = steps == null ? List.of() : List.copyOf(steps);
        cohortLabels = cohortLabels == null ? Map.of() : Map.copyOf(cohortLabels);
        abortWhen = abortWhen == null ? AbortRule.DEFAULT : abortWhen;
    }

    /** Throws {@link RolloutException} naming the field when the plan cannot run. */
    public void validate() {
        if (steps.isEmpty() || steps.size() > MAX_STEPS) {
            throw RolloutException.invalid("steps", "must hold 1 to " + MAX_STEPS + " steps");
        }
        double previous = 0;
        for (int i = 0; i < steps.size(); i++) {
            RolloutStep step = steps.get(i);
            String field = "steps[" + i + "]";
            if (!(step.percent() > previous) || step.percent() > 100 || Double.isNaN(step.percent())) {
                throw RolloutException.invalid(field + ".percent", "must be above the previous step's and at most 100");
            }
            if (step.hold().isNegative() || step.hold().compareTo(MAX_HOLD) > 0) {
                throw RolloutException.invalid(field + ".hold", "must be between 0 and 30 days");
            }
            previous = step.percent();
        }
        if (steps.get(0).percent() >= 100) {
            throw RolloutException.invalid(
                    "steps[0].percent", "must be below 100; publish the change request to apply it to everyone");
        }
        try {
            ConsumerIdentity.requireValidLabels(cohortLabels, "cohort.labels");
        } catch (IllegalArgumentException e) {
            throw RolloutException.invalid("cohort.labels", e.getMessage());
        }
        if (!(abortWhen.failureRateMargin() >= 0) || abortWhen.failureRateMargin() > 1) {
            throw RolloutException.invalid("abort_when.failure_rate_margin", "must be a fraction between 0 and 1");
        }
        if (abortWhen.minReports() < 1 || abortWhen.minReports() > 1_000_000) {
            throw RolloutException.invalid("abort_when.min_reports", "must be between 1 and 1000000");
        }
        if (abortWhen.window() == null
                || abortWhen.window().compareTo(Duration.ofSeconds(10)) < 0
                || abortWhen.window().compareTo(Duration.ofDays(1)) > 0) {
            throw RolloutException.invalid("abort_when.window", "must be between 10s and 1 day");
        }
    }
}
