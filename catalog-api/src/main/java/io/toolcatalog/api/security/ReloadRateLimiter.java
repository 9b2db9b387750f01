package io.toolcatalog.api.security;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * This node's token bucket for reloads: {@code burst} at once, refilled at {@code perSecond}.
 * Reloads are full database reads, so a caller looping on the endpoint must not turn into load.
 */
final class ReloadRateLimiter {

    private final double perSecond;
    private final double burst;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;

    ReloadRateLimiter(double perSecond, int burst, LongSupplier nanoTime) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("catalog.security rate limits and bursts must be positive");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.last = nanoTime.getAsLong();
    }

    /** Takes a token; returns 0 when granted, else the whole seconds to wait before the next one. */
    synchronized long tryAcquire() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) / (double) TimeUnit.SECONDS.toNanos(1) * perSecond);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
    }
}
