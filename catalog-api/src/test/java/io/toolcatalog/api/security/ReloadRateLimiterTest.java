package io.toolcatalog.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReloadRateLimiterTest {

    final AtomicLong now = new AtomicLong();
    final ReloadRateLimiter limiter = new ReloadRateLimiter(2, 3, now::get);

    @Test
    void grantsTheBurstAtOnceThenAsksToWait() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire()).isZero();
        }
        assertThat(limiter.tryAcquire()).isEqualTo(1);
    }

    @Test
    void refillsAtTheConfiguredRate() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire();
        }
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));

        assertThat(limiter.tryAcquire()).isZero();
        assertThat(limiter.tryAcquire()).isPositive();
    }

    @Test
    void neverHoldsMoreThanTheBurst() {
        now.addAndGet(TimeUnit.HOURS.toNanos(1));
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire()).isZero();
        }
        assertThat(limiter.tryAcquire()).isPositive();
    }

    @Test
    void tellsHowManySecondsToWaitAtASlowRate() {
        ReloadRateLimiter slow = new ReloadRateLimiter(0.1, 1, now::get);
        slow.tryAcquire();

        assertThat(slow.tryAcquire()).isEqualTo(10);
    }
}
