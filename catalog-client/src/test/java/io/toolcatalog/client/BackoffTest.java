package io.toolcatalog.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff =
            new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ZERO, System::nanoTime);

    @Test
    void doublesWithEachFailureBetweenHalfAndAllOfTheCeiling() {
        for (long ceiling : new long[] {100, 200, 400, 800, 1600}) {
            assertThat(backoff.next().toMillis()).isBetween(ceiling / 2, ceiling);
        }
    }

    @Test
    void staysUnderItsCapHoweverManyFailures() {
        for (int i = 0; i < 100; i++) {
            assertThat(backoff.next().toMillis()).isBetween(0L, 2000L);
        }
        assertThat(backoff.next().toMillis()).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void isJittered() {
        long distinct = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> {
                    backoff.reset();
                    for (int j = 0; j < 5; j++) {
                        backoff.next();
                    }
                    return backoff.next().toMillis();
                })
                .distinct()
                .count();

        assertThat(distinct).isGreaterThan(10);
    }

    @Test
    void startsOverAfterAReset() {
        for (int i = 0; i < 10; i++) {
            backoff.next();
        }

        backoff.connected();
        backoff.reset();

        assertThat(backoff.next().toMillis()).isBetween(50L, 100L);
    }
}
