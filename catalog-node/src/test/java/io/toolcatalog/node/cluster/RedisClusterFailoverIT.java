package io.toolcatalog.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.Range;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.toolcatalog.core.cluster.ConsumerPosition;
import io.toolcatalog.core.cluster.ConsumerRegistry;
import io.toolcatalog.core.cluster.Membership;
import io.toolcatalog.core.cluster.NodeStatus;
import io.toolcatalog.core.history.HistoryQuery;
import io.toolcatalog.core.history.LocalReloadHistory;
import io.toolcatalog.core.history.ReloadEvent;
import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.store.CatalogReads;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.write.CatalogEditor;
import io.toolcatalog.node.history.CountsFold;
import io.toolcatalog.node.testing.TestNodes;
import io.toolcatalog.node.testing.TestNodes.Node;
import io.toolcatalog.testsupport.PrivateRedis;
import io.toolcatalog.testsupport.PrivateRedisCluster;
import io.toolcatalog.testsupport.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Redis Cluster of the test's own (three masters, three replicas) under three nodes configured by
 * {@code spring.data.redis.cluster.nodes} only (their {@code url} points nowhere), with the revision
 * poll at an hour, so that only the doorbell (and the catch-up of a resubscription) carries changes.
 * While every node writes, the master holding the catalog's slot (channels, history stream,
 * membership: one hash tag) is SIGKILLed and its replica promoted. Every node must converge to the
 * database's revision, writes after the failover must reach every node by the doorbell within a
 * second, and every reload event the nodes recorded must be in the stream on the new master.
 */
class RedisClusterFailoverIT {

    private static final Logger log = LoggerFactory.getLogger(RedisClusterFailoverIT.class);

    private final List<Node> nodes = new ArrayList<>();
    private PrivateRedisCluster redis;

    @BeforeEach
    void startRedisClusterAndNodes() {
        redis = PrivateRedisCluster.start();
        String jdbcUrl = TestInfrastructure.newSchemaUrl();
        String clusterName = TestInfrastructure.newClusterName();
        Map<String, String> props = Map.of(
                "spring.data.redis.url", "redis://127.0.0.1:1",
                "spring.data.redis.cluster.nodes", redis.nodesProperty(),
                "catalog.sync.poll-interval", "1h",
                "catalog.cluster.heartbeat-interval", "500ms");
        for (String id : List.of("rc-a", "rc-b", "rc-c")) {
            nodes.add(TestNodes.start(jdbcUrl, clusterName, id, props));
        }
    }

    @AfterEach
    void stopEverything() {
        nodes.forEach(Node::close);
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void nodesFollowTheSlotToThePromotedReplicaConvergeAndLoseNoAcknowledgedHistory() throws Exception {
        ClusterProperties keys = nodes.get(0).bean(ClusterProperties.class);
        assertThat(keys.changedChannel()).startsWith("{");
        int slot = redis.slotOf(keys.changedChannel());
        assertThat(redis.slotOf(keys.eventsKey())).isEqualTo(slot);
        assertThat(redis.slotOf(keys.nodesKey())).isEqualTo(slot);
        PrivateRedis master = redis.masterOf(slot).orElseThrow();
        PrivateRedis replica = redis.replicaOf(master);
        List<Long> before = propagation(10, "before");
        log.info("Before the failover: propagation to every node {}", Propagation.summary(before));

        ScheduledExecutorService pool = Executors.newScheduledThreadPool(3);
        AtomicInteger mutations = new AtomicInteger();
        List<ScheduledFuture<?>> writers = ClusterMutations.paced(
                pool, nodes, node -> ClusterMutations.on(node, node.id().hashCode()), mutations);
        Instant killedAt;
        long promotionMs;
        long convergedMs;
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> database() > 30);
            master.kill();
            killedAt = Instant.now();
            log.info("Master {} of slot {} killed; waiting for {} to be promoted", master.port(), slot, replica.port());
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> redis.masterOf(slot)
                            .map(m -> m.port() == replica.port())
                            .orElse(false));
            promotionMs = sinceMs(killedAt);
            long atPromotion = database();
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> nodes.stream().allMatch(n -> applied(n) >= atPromotion));
            convergedMs = sinceMs(killedAt);
            long later = database() + 20;
            await().atMost(Duration.ofSeconds(10)).until(() -> database() > later); // writers go on
        } finally {
            ClusterMutations.stop(pool, writers);
        }
        // a writer that stopped by itself threw: a mutation never fails because Redis did
        ClusterMutations.rethrowFailures(writers);
        long database = database();
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(nodes).allMatch(n -> applied(n) == database));
        assertThat(nodes.stream()
                        .map(n -> n.bean(CatalogReloader.class).snapshot().digest())
                        .distinct())
                .hasSize(1);

        List<Long> after = propagation(20, "after");
        log.info(
                "Redis Cluster failover under {} mutations: replica promoted {} ms after the kill, every node"
                        + " at the promotion's revision {} ms after the kill; after it, propagation to every node {}",
                mutations.get(),
                promotionMs,
                convergedMs,
                Propagation.summary(after));
        assertThat(after).allMatch(ms -> ms < 1000);

        Set<String> recorded = new HashSet<>();
        for (Node node : nodes) {
            for (ReloadEvent event : node.bean(LocalReloadHistory.class)
                    .query(new HistoryQuery(10_000, null, null, null, null, null))
                    .history()) {
                recorded.add(ReloadEventKeys.of(event));
            }
        }
        assertThat(recorded).hasSizeGreaterThan(100);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(stream(keys.eventsKey())).containsAll(recorded));
        log.info("All {} reload events the nodes recorded are in the stream on the new master", recorded.size());

        // the rest of what lives in the slot works on the new master: heartbeats, and both scripts
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                        nodes.get(0).bean(Membership.class).nodes(database))
                .filteredOn(status -> "up".equals(status.status()))
                .extracting(NodeStatus::nodeId)
                .contains("rc-a", "rc-b", "rc-c"));
        ConsumerRegistry registry = nodes.get(1).bean(ConsumerRegistry.class);
        Instant now = Instant.now();
        assertThat(registry.report(
                        List.of(new ConsumerPosition("rc-pipeline", "rc-b", database, now, now, "editor", null))))
                .isEqualTo(ConsumerRegistry.Refusals.NONE);
        assertThat(registry.consumers(null, 10).consumers())
                .extracting(ConsumerPosition::consumerId)
                .contains("rc-pipeline");
        assertThat(CountsFold.run(nodes.get(2).context())).isZero(); // no node departed; a CROSSSLOT would throw
    }

    /** Writes {@code count} tools one after another, each on the next node; ms until every node applied each. */
    private List<Long> propagation(int count, String label) {
        List<Long> took = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Node writer = nodes.get(i % nodes.size());
            long revision = writer.bean(CatalogEditor.class)
                    .create(ClusterMutations.draft(label + "-" + i + "-" + System.nanoTime(), "d"), Actor.of("rc-it"))
                    .revision();
            long start = System.nanoTime();
            await().atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(1))
                    .until(() -> nodes.stream().allMatch(n -> applied(n) >= revision));
            took.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
        return took;
    }

    private long database() {
        return nodes.get(0).bean(CatalogReads.class).revision();
    }

    private static long applied(Node node) {
        return node.bean(CatalogReloader.class).applied();
    }

    private static long sinceMs(Instant start) {
        return Duration.between(start, Instant.now()).toMillis();
    }

    /** Every event in the stream, as node@revision/reload_id, read through a cluster client of the test's own. */
    private Set<String> stream(String key) throws Exception {
        List<RedisURI> uris = redis.servers().stream()
                .filter(PrivateRedis::isRunning)
                .map(s -> RedisURI.create(s.url()))
                .toList();
        RedisClusterClient client = RedisClusterClient.create(uris);
        try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
            return ReloadEventKeys.of(connection.sync().xrange(key, Range.create("-", "+")));
        } finally {
            client.shutdown();
        }
    }

    /** p50 / p99 / max of a list of milliseconds, in words. */
    private static final class Propagation {
        static String summary(List<Long> ms) {
            List<Long> sorted = ms.stream().sorted().collect(Collectors.toList());
            return "p50 " + at(sorted, 0.50) + " ms, p99 " + at(sorted, 0.99) + " ms, max "
                    + sorted.get(sorted.size() - 1) + " ms over " + sorted.size() + " writes";
        }

        private static long at(List<Long> sorted, double q) {
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
        }
    }
}
