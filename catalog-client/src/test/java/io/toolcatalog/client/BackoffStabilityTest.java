package io.toolcatalog.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Progress starts the backoff over only on a connection that has lived a while. */
class BackoffStabilityTest {

    private long now;
    private final Backoff backoff =
            new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofSeconds(5), () -> now);

    @Test
    void aNodeThatAcceptsAndDropsStreamsIsRetriedEverMoreSlowly() {
        long lastWait = 0;
        for (int i = 0; i < 8; i++) {
            backoff.connected();
            now += Duration.ofMillis(20).toNanos(); // a snapshot, then the node drops the stream
            backoff.reset();
            lastWait = backoff.next().toMillis();
            now += Duration.ofMillis(lastWait).toNanos();
        }

        assertThat(lastWait).isGreaterThanOrEqualTo(5000);
    }

    @Test
    void aStreamThatLivedLongEnoughStartsTheBackoffOver() {
        for (int i = 0; i < 8; i++) {
            backoff.next();
        }
        backoff.connected();
        now += Duration.ofSeconds(6).toNanos();
        backoff.reset();

        assertThat(backoff.next().toMillis()).isBetween(50L, 100L);
    }

    @Test
    void progressWithoutAConnectionChangesNothing() {
        for (int i = 0; i < 8; i++) {
            backoff.next();
        }
        now += Duration.ofSeconds(60).toNanos();
        backoff.reset();

        assertThat(backoff.next().toMillis()).isGreaterThanOrEqualTo(5000);
    }
}
