package io.toolcatalog.api.security;

import io.toolcatalog.api.error.ApiProblem;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * This node's rate budgets, one per purpose, so one kind of caller can never spend another's:
 * admins' reloads, signed webhook calls, and webhook calls whose signature failed (which are
 * counted only after the signature was checked, and only against their own budget), and consumers'
 * outcome reports.
 */
public final class RateBudgets {

    /** What a budget is for. */
    public enum Purpose {
        /** {@code POST /tools/reload}: an authenticated caller with the admin role. */
        RELOAD("reload requests"),
        /** A webhook call whose signature matched. */
        WEBHOOK("webhook calls"),
        /** A webhook call whose signature was missing or wrong. */
        REJECTED_WEBHOOK("badly signed webhook calls"),
        /** {@code POST /consumers/reports}: consumers' outcome reports, open like reads. */
        REPORTS("outcome reports");

        private final String what;

        Purpose(String what) {
            this.what = what;
        }
    }

    private final Map<Purpose, ReloadRateLimiter> limiters = new EnumMap<>(Purpose.class);

    RateBudgets(SecurityProperties properties, LongSupplier nanoTime) {
        limiters.put(
                Purpose.RELOAD,
                new ReloadRateLimiter(properties.reloadRateLimit(), properties.reloadBurst(), nanoTime));
        limiters.put(
                Purpose.WEBHOOK,
                new ReloadRateLimiter(properties.webhookRateLimit(), properties.webhookBurst(), nanoTime));
        limiters.put(
                Purpose.REJECTED_WEBHOOK,
                new ReloadRateLimiter(
                        properties.rejectedWebhookRateLimit(), properties.rejectedWebhookBurst(), nanoTime));
        limiters.put(
                Purpose.REPORTS,
                new ReloadRateLimiter(properties.reportRateLimit(), properties.reportBurst(), nanoTime));
    }

    /** Takes one token from {@code purpose}'s budget, or answers 429 with {@code Retry-After}. */
    public void take(Purpose purpose) {
        long retryAfter = limiters.get(purpose).tryAcquire();
        if (retryAfter > 0) {
            throw ApiProblem.tooManyRequests(purpose.what, retryAfter);
        }
    }
}
