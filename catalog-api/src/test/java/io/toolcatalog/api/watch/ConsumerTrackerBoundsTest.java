package io.toolcatalog.api.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolcatalog.core.cluster.ConsumerPosition;
import io.toolcatalog.core.cluster.ConsumerRegistry;
import io.toolcatalog.core.cluster.NodeIdentity;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** A node tracks a bounded number of consumer names, and an authenticated consumer owns its id. */
class ConsumerTrackerBoundsTest {

    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final List<ConsumerPosition> reported = new ArrayList<>();
    private ConsumerRegistry.Refusals registryAnswer = ConsumerRegistry.Refusals.NONE;
    private final ConsumerRegistry registry = new ConsumerRegistry() {
        @Override
        public Refusals report(Collection<ConsumerPosition> positions) {
            reported.addAll(positions);
            return registryAnswer;
        }

        @Override
        public ConsumerPage consumers(String cursor, int limit) {
            return new ConsumerPage(List.of(), null, 0);
        }
    };
    private final WatchMetrics metrics = new WatchMetrics();
    private final ConsumerTracker tracker = new ConsumerTracker(
            registry,
            new NodeIdentity("node-1", "localhost:8080", now),
            Clock.fixed(now, ZoneOffset.UTC),
            new Binder(new MapConfigurationPropertySource(Map.of("catalog.watch.max-consumers-per-node", "3")))
                    .bindOrCreate("catalog.watch", WatchProperties.class),
            () -> 10,
            metrics);

    @Test
    void tracksNoMoreNamesThanItsCapacityAndCountsTheRest() {
        for (int i = 0; i < 5; i++) {
            tracker.connected("c" + i, null, 1);
        }

        assertThat(tracker.local())
                .extracting(ConsumerPosition::consumerId)
                .containsExactlyInAnyOrder("c0", "c1", "c2");
        assertThat(metrics.refusedConsumers("full")).isEqualTo(2);
        assertThat(tracker.connected("c0", null, 2))
                .as("a known name is still tracked")
                .isEqualTo("c0");
    }

    @Test
    void anAnonymousWatchCannotReportUnderAnIdAPrincipalHolds() {
        assertThat(tracker.connected("ranker", "alice", 7)).isEqualTo("ranker");

        assertThat(tracker.connected("ranker", null, 1)).isNull();
        assertThat(tracker.connected("ranker", "mallory", 1)).isNull();
        tracker.delivered(null, 1, null); // what the refused watches report: nothing
        tracker.report();

        assertThat(reported).singleElement().satisfies(p -> {
            assertThat(p.deliveredRevision()).isEqualTo(7);
            assertThat(p.owner()).isEqualTo("alice");
        });
        assertThat(metrics.refusedConsumers("not_owner")).isEqualTo(2);
    }

    @Test
    void aPrincipalTakesOverAnIdReportedAnonymously() {
        tracker.connected("ranker", null, 1);
        assertThat(tracker.connected("ranker", "alice", 5)).isEqualTo("ranker");
        tracker.report();

        assertThat(reported).singleElement().extracting(ConsumerPosition::owner).isEqualTo("alice");
    }

    @Test
    void countsWhatTheClusterRegistryRefused() {
        registryAnswer = new ConsumerRegistry.Refusals(1, 2);
        tracker.connected("ranker", null, 1);
        tracker.report();

        assertThat(metrics.refusedConsumers("not_owner")).isEqualTo(1);
        assertThat(metrics.refusedConsumers("full")).isEqualTo(2);
    }
}
