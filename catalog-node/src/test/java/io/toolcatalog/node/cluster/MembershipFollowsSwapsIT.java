package io.toolcatalog.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.toolcatalog.core.cluster.Membership;
import io.toolcatalog.core.cluster.NodeStatus;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.write.CatalogEditor;
import io.toolcatalog.node.testing.TestCluster;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node's heartbeat follows its snapshot swaps, not only its period: with heartbeats every 30 s,
 * another node still lists this node at its new revision within a second of the change (the
 * console's cluster page reads this list).
 */
class MembershipFollowsSwapsIT {

    private static TestCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = TestCluster.start("beat", 2, Map.of("catalog.cluster.heartbeat-interval", "30s"));
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void anotherNodeListsThisNodesNewRevisionWithinASecond() {
        long revision = cluster.bean(1, CatalogEditor.class)
                .create(
                        ClusterMutations.draft(
                                "beat-" + UUID.randomUUID().toString().substring(0, 6), "x"),
                        Actor.of("it"))
                .revision();

        await().atMost(Duration.ofSeconds(1))
                .pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(cluster.bean(2, Membership.class).nodes(revision).stream()
                                .filter(n -> n.nodeId().equals(cluster.node(1).id()))
                                .mapToLong(NodeStatus::appliedRevision))
                        .containsExactly(revision));
    }
}
