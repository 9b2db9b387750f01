package io.toolcatalog.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.toolcatalog.api.webhook.ReplayGuard;
import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.cluster.Membership;
import io.toolcatalog.core.cluster.NodeStatus;
import io.toolcatalog.core.cluster.ReloadRequest;
import io.toolcatalog.core.history.ReloadEvent;
import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.reload.ClusterReload;
import io.toolcatalog.core.reload.ClusterReloads;
import io.toolcatalog.node.testing.TestNodes.Node;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * An explicit reload of the whole cluster, membership as each node sees it, and what all nodes
 * share against replays: three nodes on one schema and one Redis prefix, the revision poll off.
 */
class ClusterReloadIT extends NoPollClusterTest {

    private Node extra;

    @AfterEach
    void stopExtraNode() {
        if (extra != null) {
            extra.close();
            extra = null;
        }
    }

    private ClusterReload reloadEverywhere(Duration wait) {
        ReloadRequest request = ReloadRequest.of(ReloadTrigger.MANUAL, "node-1", "cluster reload test");
        return node(1).bean(ClusterReloads.class).reload(request, true, wait);
    }

    private List<String> upNodes() {
        return node(1).bean(Membership.class).nodes(applied(node(1))).stream()
                .filter(NodeStatus::isUp)
                .map(NodeStatus::nodeId)
                .toList();
    }

    @Test
    void reportsTheOutcomeOfEveryLiveNode() {
        ClusterReload result = reloadEverywhere(Duration.ofSeconds(3));

        assertThat(result.missing()).isEmpty();
        assertThat(result.outcomes())
                .extracting(ReloadEvent::nodeId)
                .containsExactlyInAnyOrder("node-1", "node-2", "node-3");
        assertThat(result.outcomes())
                .extracting(ReloadEvent::reloadId)
                .containsOnly(result.local().reloadId());
    }

    @Test
    void membershipListsEveryNodeUpWithItsRealAddressRevisionAndDigest() {
        long revision = applied(node(1));
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(
                        node(3).bean(Membership.class).nodes(revision))
                .filteredOn(n -> n.nodeId().startsWith("node-"))
                .hasSize(3)
                .allSatisfy(n -> {
                    Node node = cluster.nodes().get(Integer.parseInt(n.nodeId().substring(5)) - 1);
                    assertThat(n.status()).isEqualTo("up");
                    assertThat(n.address()).endsWith(":" + node.port());
                    assertThat(n.appliedRevision()).isEqualTo(revision);
                    assertThat(n.lag()).isZero();
                    assertThat(n.digest())
                            .isEqualTo(
                                    node.bean(CatalogReloader.class).snapshot().digest());
                }));
    }

    @Test
    void aCleanlyStoppedNodeLeavesAtOnceAndIsNotWaitedFor() {
        extra = cluster.startNode("node-4", Map.of());
        await().atMost(Duration.ofSeconds(3)).until(() -> upNodes().contains("node-4"));

        extra.close();
        extra = null;

        assertThat(node(1).bean(Membership.class).nodes(0))
                .extracting(NodeStatus::nodeId)
                .doesNotContain("node-4");
        long start = System.nanoTime();
        ClusterReload result = reloadEverywhere(Duration.ofSeconds(3));
        assertThat(result.missing()).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void reportsACrashedNodeMissingWithinTheWaitAndThenDown() {
        extra = cluster.startNode("node-4", Map.of());
        await().atMost(Duration.ofSeconds(3)).until(() -> upNodes().contains("node-4"));

        // what a killed process leaves behind: no more heartbeats, no subscription, no clean leave
        extra.context()
                .getBean("clusterScheduler", ScheduledExecutorService.class)
                .shutdownNow();
        extra.bean(RedisMessageListenerContainer.class).stop();

        long start = System.nanoTime();
        ClusterReload result = reloadEverywhere(Duration.ofSeconds(3));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result.missing()).containsExactly("node-4");
        assertThat(result.outcomes())
                .extracting(ReloadEvent::nodeId)
                .containsExactlyInAnyOrder("node-1", "node-2", "node-3");
        assertThat(took).isLessThan(Duration.ofMillis(3500));
        await().atMost(Duration.ofSeconds(5)).until(() -> node(2).bean(Membership.class).nodes(0).stream()
                .anyMatch(n -> n.nodeId().equals("node-4") && n.status().equals("down")));
    }

    @Test
    void aWebhookSignatureUsedOnOneNodeIsRefusedOnAnother() {
        String signature = "sha256=" + UUID.randomUUID();
        Instant expires = Instant.now().plusSeconds(300);

        assertThat(node(1).bean(ReplayGuard.class).firstUse(signature, expires)).isTrue();
        assertThat(node(2).bean(ReplayGuard.class).firstUse(signature, expires)).isFalse();
        assertThat(node(3).bean(ReplayGuard.class).firstUse(signature, expires)).isFalse();
    }
}
