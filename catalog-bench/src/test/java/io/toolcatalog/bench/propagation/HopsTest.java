package io.toolcatalog.bench.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolcatalog.bench.cluster.DatabaseWork;
import io.toolcatalog.bench.cluster.NodeClient;
import org.junit.jupiter.api.Test;

class HopsTest {

    private static String prometheus(double atOneMs, double atTwoMs, double total) {
        return """
                # HELP catalog_propagation_hop_seconds A peer's change on its way to this node
                # TYPE catalog_propagation_hop_seconds histogram
                catalog_propagation_hop_seconds_bucket{application="x",hop="publish_to_receive",le="0.001"} %s
                catalog_propagation_hop_seconds_bucket{application="x",hop="publish_to_receive",le="0.002"} %s
                catalog_propagation_hop_seconds_bucket{application="x",hop="publish_to_receive",le="+Inf"} %s
                catalog_propagation_hop_seconds_count{application="x",hop="publish_to_receive"} %s
                catalog_reload_duration_seconds_count{kind="partial"} 7.0
                """
                .formatted(atOneMs, atTwoMs, total, total);
    }

    @Test
    void theDistributionBetweenTwoReadingsIsTheDifferenceOfTheirBuckets() {
        Hops before = Hops.parse(prometheus(10, 10, 10));
        Hops after = Hops.parse(prometheus(10 + 90, 10 + 99, 10 + 100));

        Hops run = after.since(before);

        assertThat(run.count("publish_to_receive")).isEqualTo(100);
        assertThat(run.percentileMs("publish_to_receive", 50)).isEqualTo(1.0);
        assertThat(run.percentileMs("publish_to_receive", 99)).isEqualTo(2.0);
        assertThat(run.percentileMs("publish_to_receive", 100)).isInfinite();
        assertThat(run.percentileMs("commit_to_publish", 50)).isNaN();
    }

    @Test
    void changeMessagesAreCountedByTheListenersOutcome() {
        String text =
                """
                catalog_cluster_messages_received_total{application="x",outcome="applied_carried",type="catalog_changed"} 290.0
                catalog_cluster_messages_received_total{application="x",outcome="already_applied",type="catalog_changed"} 10.0
                catalog_cluster_messages_received_total{application="x",outcome="accepted",type="reload_requested"} 3.0
                """;

        assertThat(NodeClient.changeMessagesByOutcome(text))
                .containsExactlyInAnyOrderEntriesOf(
                        java.util.Map.of("applied_carried", 290.0, "already_applied", 10.0));
    }

    @Test
    void transactionsPerMutationAreNetOfTheIdleRateOverTheSameLength() {
        // 330 in 10 s with 300 mutations; idle 60 in 20 s, so 30 of the 330 were idle work
        DatabaseWork.WorkResult result = new DatabaseWork.WorkResult(300, 330, 10, 60, 20);

        assertThat(result.perMutation()).isEqualTo(1.0);
    }
}
