package io.toolcatalog.core.rollout;

import java.time.Duration;

/**
 * When a rollout stops by itself: the cohort's failure rate exceeds the control's by more than
 * {@code failureRateMargin} (a fraction: 0.05 is 5 points) once each side has {@code minReports}
 * outcomes within the last {@code window}.
 */
public record AbortRule(double failureRateMargin, int minReports, Duration window) {

    public static final AbortRule DEFAULT = new AbortRule(0.05, 100, Duration.ofMinutes(5));
}
