package io.toolcatalog.core.rollout;

import java.time.Duration;

/** One step of a rollout: the share of matching consumers in the cohort, and how long it holds before advancing by itself. */
public record RolloutStep(double percent, Duration hold) {

    public RolloutStep {
        hold = hold == null ? Duration.ZERO : hold;
    }
}
