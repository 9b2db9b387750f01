package io.toolcatalog.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class InMemoryReplayGuardTest {

    static final Instant NOW = Instant.parse("2025-10-03T19:00:00Z");

    final InMemoryReplayGuard guard = new InMemoryReplayGuard(3, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void refusesASignatureSeenBefore() {
        assertThat(guard.firstUse("a", NOW.plusSeconds(60))).isTrue();
        assertThat(guard.firstUse("a", NOW.plusSeconds(60))).isFalse();
    }

    @Test
    void forgetsSignaturesWhoseWindowHasPassed() {
        guard.firstUse("old", NOW.minusSeconds(1));

        assertThat(guard.firstUse("new", NOW.plusSeconds(60))).isTrue();
        assertThat(guard.size()).isOne();
    }

    @Test
    void staysWithinItsCapacity() {
        for (int i = 0; i < 10; i++) {
            guard.firstUse("s" + i, NOW.plusSeconds(60));
        }

        assertThat(guard.size()).isEqualTo(3);
        assertThat(guard.firstUse("s9", NOW.plusSeconds(60))).isFalse();
    }
}
