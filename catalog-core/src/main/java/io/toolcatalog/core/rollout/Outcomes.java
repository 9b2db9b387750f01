package io.toolcatalog.core.rollout;

import java.time.Duration;
import java.util.Locale;

/** What consumers reported on a rollout's tools within {@code window}: the cohort's outcomes and the others' (the control). */
public record Outcomes(Duration window, Side cohort, Side control) {

    /** One side's counts. */
    public record Side(long success, long failure) {

        public long total() {
            return success + failure;
        }

        /** Failures per outcome; 0 with none. */
        public double failureRate() {
            return total() == 0 ? 0 : (double) failure / total();
        }
    }

    /** Why {@code rule} stops the rollout, or null when it does not (yet). */
    public String abortReason(AbortRule rule) {
        if (cohort.total() < rule.minReports() || control.total() < rule.minReports()) {
            return null;
        }
        if (cohort.failureRate() - control.failureRate() <= rule.failureRateMargin()) {
            return null;
        }
        return String.format(
                Locale.ROOT,
                "cohort %.1f %% of %,d, control %.1f %% of %,d (margin %.1f points)",
                cohort.failureRate() * 100,
                cohort.total(),
                control.failureRate() * 100,
                control.total(),
                rule.failureRateMargin() * 100);
    }
}
