package io.toolcatalog.api.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolcatalog.core.cluster.ConsumerPosition;
import io.toolcatalog.core.cluster.ConsumerRegistry;
import io.toolcatalog.core.cluster.NodeIdentity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;

class ConsumerTrackerTest {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final List<List<ConsumerPosition>> reports = new ArrayList<>();
    private boolean registryDown;
    private final ConsumerRegistry registry = new ConsumerRegistry() {
        @Override
        public Refusals report(Collection<ConsumerPosition> positions) {
            if (registryDown) {
                throw new IllegalStateException("Redis is down");
            }
            reports.add(List.copyOf(positions));
            return Refusals.NONE;
        }

        @Override
        public ConsumerPage consumers(String cursor, int limit) {
            return new ConsumerPage(List.of(), null, 0);
        }
    };
    private final WatchMetrics metrics = new WatchMetrics();
    private long applied = 10;
    private final ConsumerTracker tracker = new ConsumerTracker(
            registry,
            new NodeIdentity("node-1", "localhost:8080", now),
            clock,
            new Binder().bindOrCreate("catalog.watch", WatchProperties.class), // consumer-ttl 30s
            () -> applied,
            metrics);

    private void advance(Duration by) {
        now = now.plus(by);
    }

    @Test
    void reportsAConsumerWhenItMovesAndRefreshesItWithinTheTtlWhileConnected() {
        tracker.connected("ranker", null, 4);
        tracker.report();
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0).get(0).deliveredRevision()).isEqualTo(4);
        assertThat(reports.get(0).get(0).view()).isNull(); // nothing handed over yet
        assertThat(metrics.maxConsumerLag()).isEqualTo(6);

        advance(Duration.ofSeconds(1));
        tracker.report();
        assertThat(reports).hasSize(1); // nothing moved, no refresh due yet

        tracker.delivered("ranker", 10, "rollout=3");
        tracker.report();
        assertThat(reports).hasSize(2);
        assertThat(reports.get(1).get(0).deliveredRevision()).isEqualTo(10);
        assertThat(reports.get(1).get(0).view()).isEqualTo("rollout=3");

        advance(Duration.ofSeconds(11)); // a third of the ttl: refreshed with a new last_seen
        tracker.report();
        assertThat(reports).hasSize(3);
        assertThat(reports.get(2).get(0).lastSeen()).isEqualTo(now);
    }

    @Test
    void aConsumerGoneLongerThanTheTtlLeavesTheLocalList() {
        tracker.connected("ranker", null, 10);
        tracker.disconnected("ranker");
        tracker.report();
        assertThat(tracker.local()).hasSize(1);
        advance(Duration.ofSeconds(31));
        tracker.report();
        assertThat(tracker.local()).isEmpty();
        assertThat(reports).hasSize(1); // a gone consumer is not refreshed: its entry expires
    }

    @Test
    void reportsEverythingAgainOnceTheRegistryIsBack() {
        tracker.connected("ranker", null, 1);
        tracker.connected("scorer", null, 2);
        registryDown = true;
        tracker.report();
        registryDown = false;
        advance(Duration.ofSeconds(1));
        tracker.report();
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0))
                .extracting(ConsumerPosition::consumerId)
                .containsExactlyInAnyOrder("ranker", "scorer");
    }

    @Test
    void anonymousWatchersAreNotTracked() {
        tracker.connected(null, null, 3);
        tracker.delivered(null, 4, null);
        tracker.disconnected(null);
        tracker.report();
        assertThat(tracker.local()).isEmpty();
        assertThat(reports).isEmpty();
    }
}
