package io.toolcatalog.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.EpollProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.toolcatalog.core.cluster.NodeIdentity;
import io.toolcatalog.core.cluster.ReloadBroadcaster;
import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.reload.ChangePropagation;
import io.toolcatalog.core.store.ChangeLog;
import io.toolcatalog.core.store.ToolStore;
import io.toolcatalog.core.store.ToolVersionStore;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.tool.ToolValidator;
import io.toolcatalog.core.write.CatalogEditor;
import io.toolcatalog.node.testing.TestNodes.Node;
import io.toolcatalog.testsupport.TestInfrastructure;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Three nodes on one schema and one Redis prefix, as a real cluster shares them, with the revision poll set to an hour
 * so that only the Redis paths can make a node catch up: doorbells, concurrent writers, lost messages, a restart.
 */
class ClusterIT extends NoPollClusterTest {

    /** Writers on {@code writers} until {@code stop} is set or each did {@code max}. */
    private static List<Future<Integer>> write(ExecutorService pool, List<Node> writers, AtomicBoolean stop, int max) {
        return ClusterMutations.write(pool, writers, n -> ClusterMutations.on(n, 7), stop, max, new AtomicLong());
    }

    /** Kills the pub/sub connections of the given nodes of {@code cluster}; returns how many. */
    private static int killPubSubConnections(String redisUrl, String cluster, Set<String> nodeIds) {
        RedisClient client = RedisClient.create(redisUrl);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            int killed = 0;
            for (String line : connection.sync().clientList().split("\n")) {
                Map<String, String> fields = new HashMap<>();
                for (String pair : line.trim().split(" ")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        fields.put(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                }
                String name = fields.getOrDefault("name", "");
                boolean ours = nodeIds.stream().anyMatch(id -> name.equals(cluster + ":" + id));
                boolean pubsub = fields.getOrDefault("flags", "").contains("P")
                        || Integer.parseInt(fields.getOrDefault("sub", "0")) > 0;
                if (ours && pubsub) {
                    killed += (int) connection
                            .sync()
                            .clientKill(KillArgs.Builder.id(Long.parseLong(fields.get("id"))))
                            .longValue();
                }
            }
            return killed;
        } finally {
            client.shutdown();
        }
    }

    @Nested
    class DoorbellPropagation {

        @Test
        void appliesAMutationFromNodeOneOnTheOtherNodesThroughPubSubAlone() {
            long revision = node(1).bean(CatalogEditor.class)
                    .create(
                            ClusterMutations.draft(
                                    "doorbell-" + UUID.randomUUID().toString().substring(0, 6), "x"),
                            Actor.of("it"))
                    .revision();

            await().atMost(Duration.ofSeconds(2))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> applied(node(2)) >= revision && applied(node(3)) >= revision);
            assertThat(node(2).bean(MeterRegistry.class)
                            .counter(
                                    "catalog.cluster.messages.received",
                                    "type",
                                    "catalog_changed",
                                    "outcome",
                                    "applied_carried")
                            .count())
                    .isPositive();
            assertThat(node(1).bean(MeterRegistry.class)
                            .counter("catalog.cluster.messages.received", "type", "catalog_changed", "outcome", "own")
                            .count())
                    .isPositive();
        }

        @Test
        void connectsThroughEpollSoKeepaliveTimingsAndTcpUserTimeoutApply() {
            assertThat(EpollProvider.isAvailable()).isTrue();
        }

        @Test
        void awaitRevisionReturnsOnceTheRevisionIsAppliedAndGivesUpAfterItsTimeout() {
            long revision = node(1).bean(CatalogEditor.class)
                    .create(
                            ClusterMutations.draft(
                                    "await-" + UUID.randomUUID().toString().substring(0, 6), "x"),
                            Actor.of("it"))
                    .revision();

            assertThat(node(2).bean(CatalogReloader.class).awaitRevision(revision, Duration.ofSeconds(2)))
                    .isTrue();
            assertThat(applied(node(2))).isGreaterThanOrEqualTo(revision);
            assertThat(node(3).bean(CatalogReloader.class).awaitRevision(revision + 1000, Duration.ofMillis(100)))
                    .isFalse();
        }
    }

    @Nested
    class ConcurrentWriters {

        @Test
        void threeNodesWritingAtOnceEndOnTheDatabasesRevisionAndDigest() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<Future<Integer>> writers = write(pool, cluster.nodes(), new AtomicBoolean(), 300);

                assertThat(ClusterMutations.sum(writers)).isEqualTo(900);
            } finally {
                pool.shutdownNow();
            }

            cluster.awaitConverged(Duration.ofSeconds(5));
            assertThat(cluster.nodes())
                    .extracting(n -> n.bean(CatalogReloader.class).snapshot().digest())
                    .containsOnly(cluster.database().digest());
        }
    }

    @Nested
    class LostMessages {

        /** node 1's own editor, except that it tells nobody: the doorbell of its writes is lost. */
        private CatalogEditor silentEditor(Node node) {
            return new CatalogEditor(
                    node.bean(TransactionTemplate.class),
                    node.bean(ToolStore.class),
                    node.bean(ToolVersionStore.class),
                    node.bean(ChangeLog.class),
                    node.bean(ToolValidator.class),
                    new ChangePropagation(ReloadBroadcaster.none(), node.bean(CatalogReloader.class)),
                    node.bean(NodeIdentity.class).nodeId(),
                    Clock.systemUTC());
        }

        @Test
        void catchesUpOnResubscriptionAfterADoorbellWasLost() {
            long revision = silentEditor(node(1))
                    .create(
                            ClusterMutations.draft(
                                    "lost-" + UUID.randomUUID().toString().substring(0, 6), "x"),
                            Actor.of("it"))
                    .revision();
            await().during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(1))
                    .until(() -> applied(node(2)) < revision && applied(node(3)) < revision);

            int killed =
                    killPubSubConnections(TestInfrastructure.redisUrl(), cluster.name(), Set.of("node-2", "node-3"));

            assertThat(killed).isEqualTo(2);
            await().atMost(Duration.ofSeconds(2))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> applied(node(2)) >= revision && applied(node(3)) >= revision);
        }

        @Test
        void convergesAfterPubSubConnectionsAreKilledWhileTheClusterMutates() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(3);
            AtomicBoolean stop = new AtomicBoolean();
            int killed = 0;
            try {
                List<Future<Integer>> writers = write(pool, cluster.nodes(), stop, Integer.MAX_VALUE);
                for (int round = 0; round < 5; round++) {
                    await().pollDelay(Duration.ofMillis(200)).until(() -> true);
                    killed += killPubSubConnections(
                            TestInfrastructure.redisUrl(), cluster.name(), Set.of("node-1", "node-2", "node-3"));
                }
                stop.set(true);
                assertThat(ClusterMutations.sum(writers)).isPositive();
            } finally {
                pool.shutdownNow();
            }

            assertThat(killed).isGreaterThanOrEqualTo(5);
            cluster.awaitConverged(Duration.ofSeconds(3));
        }
    }

    @Nested
    class NodeRestart {

        @Test
        void aNodeRestartedWhileTheOthersWriteStartsFromTheDatabaseAndConverges() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            AtomicBoolean stop = new AtomicBoolean();
            try {
                List<Future<Integer>> writers = write(pool, List.of(node(1), node(2)), stop, Integer.MAX_VALUE);
                await().pollDelay(Duration.ofMillis(300)).until(() -> true);
                cluster.stop(3);
                long whileDown = applied(node(1));
                await().until(() -> applied(node(1)) > whileDown + 20);
                cluster.restart(3);
                await().pollDelay(Duration.ofMillis(300)).until(() -> true);
                stop.set(true);
                assertThat(ClusterMutations.sum(writers)).isPositive();
            } finally {
                pool.shutdownNow();
            }

            cluster.awaitConverged(Duration.ofSeconds(3));
        }
    }
}
