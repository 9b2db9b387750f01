package io.toolcatalog.node.api;

import static io.toolcatalog.node.api.StagedRollouts.startOn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.toolcatalog.core.changerequest.Participant;
import io.toolcatalog.core.cohort.ConsumerIdentity;
import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.reload.CatalogSnapshot;
import io.toolcatalog.core.rollout.Rollout;
import io.toolcatalog.core.rollout.RolloutState;
import io.toolcatalog.core.rollout.RolloutStep;
import io.toolcatalog.core.rollout.Rollouts;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.node.testing.TestCluster;
import io.toolcatalog.node.testing.TestNodes;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A completed rollout is gone from every node's snapshot, the completing node's included: the
 * completion writes the published versions, and a node that took those rows as carried (without
 * reading the rollouts again) kept serving the finished rollout's candidate to its cohort, with the
 * start's revision and time in it, until some later rollout moved.
 */
class RolloutCompletionIT {

    private static final String TOOL = "completed-tool";

    @Test
    void aCompletedRolloutLeavesEveryNodeServingThePublishedVersionToEveryone() {
        try (TestCluster cluster = TestCluster.start("rc", 2, ChangeRequestCalls.people())) {
            StagedRollouts.Started started = startOn(
                    cluster,
                    TOOL,
                    "completed",
                    3000,
                    new RolloutStep(99.99, Duration.ofHours(1)),
                    new RolloutStep(100, Duration.ZERO));
            Rollouts rollouts = started.rollouts();
            Rollout rollout = started.rollout();
            ConsumerIdentity consumer = new ConsumerIdentity("rc-consumer", Map.of());
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                for (TestNodes.Node node : cluster.nodes()) {
                    CatalogSnapshot snapshot = node.bean(CatalogReloader.class).snapshot();
                    assertThat(snapshot.rollouts()).hasSize(1);
                }
            });

            Rollout completed = rollouts.advance(rollout.id(), new Participant("alice", false, false));
            assertThat(completed.state()).isEqualTo(RolloutState.COMPLETED);
            cluster.awaitConverged(Duration.ofSeconds(20));
            for (TestNodes.Node node : cluster.nodes()) {
                CatalogSnapshot snapshot = node.bean(CatalogReloader.class).snapshot();
                assertThat(snapshot.revision()).isEqualTo(completed.revision());
                assertThat(snapshot.rollouts()).as(node.id() + "'s rollouts").isEmpty();
                Tool seen = snapshot.view(consumer).snapshot().tool(TOOL).orElseThrow();
                assertThat(seen.version()).isEqualTo(2);
                assertThat(seen.revision())
                        .as("the published version's revision")
                        .isEqualTo(completed.revision());
                assertThat(snapshot.view(consumer).stable()).isTrue();
            }
        }
    }
}
