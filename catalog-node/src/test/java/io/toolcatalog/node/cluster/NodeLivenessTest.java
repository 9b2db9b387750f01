package io.toolcatalog.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolcatalog.core.cluster.NodeStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class NodeLivenessTest {

    private final Instant now = Instant.parse("2025-01-01T00:00:10Z");
    private final NodeLiveness liveness =
            new NodeLiveness(Duration.ofSeconds(1), 3, Duration.ofMinutes(5), Clock.fixed(now, ZoneOffset.UTC));

    private Heartbeat seen(Duration ago, long applied) {
        return new Heartbeat("n1", "http://n1", now.minusSeconds(60), applied, "d", now.minus(ago));
    }

    @Test
    void isUpUntilThreeHeartbeatsAreMissed() {
        assertThat(liveness.status(seen(Duration.ZERO, 1), 1).status()).isEqualTo("up");
        assertThat(liveness.status(seen(Duration.ofMillis(2900), 1), 1).status())
                .isEqualTo("up");
        assertThat(liveness.status(seen(Duration.ofMillis(3000), 1), 1).status())
                .isEqualTo("up");
    }

    @Test
    void isDownAfterThreeMissedHeartbeats() {
        NodeStatus status = liveness.status(seen(Duration.ofMillis(3001), 1), 1);

        assertThat(status.status()).isEqualTo("down");
        assertThat(status.isUp()).isFalse();
    }

    @Test
    void lagIsTheCatalogRevisionMinusTheAppliedOne() {
        assertThat(liveness.status(seen(Duration.ZERO, 7), 10).lag()).isEqualTo(3);
        assertThat(liveness.status(seen(Duration.ZERO, 12), 10).lag()).isZero();
    }

    @Test
    void forgetsADownNodeOnlyAfterForgetAfter() {
        assertThat(liveness.forgotten(seen(Duration.ofMinutes(4), 1))).isFalse();
        assertThat(liveness.forgotten(seen(Duration.ofMinutes(5).plusMillis(1), 1)))
                .isTrue();
    }
}
