package io.toolcatalog.core.rollout;

import java.time.Instant;

/** The outcomes reported on a rollout in one slice of time, each side's. */
public record OutcomeSlice(Instant start, Outcomes.Side cohort, Outcomes.Side control) {}
