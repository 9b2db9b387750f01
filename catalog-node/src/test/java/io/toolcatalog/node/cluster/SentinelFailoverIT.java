package io.toolcatalog.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.toolcatalog.core.history.HistoryQuery;
import io.toolcatalog.core.history.LocalReloadHistory;
import io.toolcatalog.core.history.ReloadEvent;
import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.store.CatalogReads;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.write.CatalogEditor;
import io.toolcatalog.node.testing.TestNodes;
import io.toolcatalog.node.testing.TestNodes.Node;
import io.toolcatalog.testsupport.PrivateRedis;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis behind Sentinel: a master, a replica and three sentinels of the test's own, two nodes
 * configured through {@code spring.data.redis.sentinel.*} only (their {@code url} points nowhere).
 * The master is SIGKILLed while both nodes write; the sentinels promote the replica. The nodes must
 * follow it: resubscribe (a change on one reaches the other through the channel, with the revision
 * poll at an hour so nothing else can carry it), catch up, and flush the history they queued while
 * there was no master into the stream on the new one.
 */
class SentinelFailoverIT {

    private static final Logger log = LoggerFactory.getLogger(SentinelFailoverIT.class);

    private final String masterName = "catalog-" + Long.toHexString(System.nanoTime());
    private final List<PrivateRedis> servers = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();
    private PrivateRedis master;
    private PrivateRedis replica;
    private List<PrivateRedis> sentinels;
    private String clusterName;

    @BeforeEach
    void startRedisAndNodes() {
        master = track(PrivateRedis.server());
        replica = track(PrivateRedis.replicaOf(master));
        await().atMost(Duration.ofSeconds(10)).until(() -> String.valueOf(replica.commandAll("INFO replication"))
                .contains("master_link_status:up"));
        sentinels = List.of(
                track(PrivateRedis.sentinel(masterName, master, 2)),
                track(PrivateRedis.sentinel(masterName, master, 2)),
                track(PrivateRedis.sentinel(masterName, master, 2)));
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> sentinels.stream()
                        .allMatch(s -> "2".equals(s.sentinelField(masterName, "num-other-sentinels"))
                                && "1".equals(s.sentinelField(masterName, "num-slaves"))));

        String jdbcUrl = TestInfrastructure.newSchemaUrl();
        clusterName = TestInfrastructure.newClusterName();
        Map<String, String> props = Map.of(
                "spring.data.redis.url", "redis://127.0.0.1:1",
                "spring.data.redis.sentinel.master", masterName,
                "spring.data.redis.sentinel.nodes",
                        sentinels.stream().map(s -> "127.0.0.1:" + s.port()).collect(Collectors.joining(",")),
                "catalog.sync.poll-interval", "1h",
                "catalog.cluster.heartbeat-interval", "500ms");
        nodes.add(TestNodes.start(jdbcUrl, clusterName, "sentinel-a", props));
        nodes.add(TestNodes.start(jdbcUrl, clusterName, "sentinel-b", props));
    }

    @AfterEach
    void stopEverything() {
        nodes.forEach(Node::close);
        servers.forEach(PrivateRedis::close);
    }

    private PrivateRedis track(PrivateRedis server) {
        servers.add(server);
        return server;
    }

    @Test
    void nodesFollowThePromotedReplicaResubscribeCatchUpAndFlushQueuedHistory() throws Exception {
        Node a = nodes.get(0);
        Node b = nodes.get(1);
        assertReachesThroughTheChannel(a, b, "before");

        // each node writes about 50 times a second, paced by the scheduler, all through the failover
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(2);
        AtomicInteger mutations = new AtomicInteger();
        List<ScheduledFuture<?>> writers = ClusterMutations.paced(
                pool, nodes, node -> new ClusterMutations(node.bean(CatalogEditor.class), node.id(), 7), mutations);
        Instant killedAt;
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> revision(a) > 20);
            master.kill();
            killedAt = Instant.now();
            long atKill = revision(a);
            log.info(
                    "Master on port {} killed; waiting for the sentinels to promote {}", master.port(), replica.port());
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> sentinels.stream().allMatch(s -> s.masterPort(masterName) == replica.port()));
            log.info(
                    "Failover to {} took {} ms",
                    replica.port(),
                    Duration.between(killedAt, Instant.now()).toMillis());
            await().atMost(Duration.ofSeconds(10)).until(() -> revision(a) > atKill + 10);
        } finally {
            ClusterMutations.stop(pool, writers);
        }
        // a writer that stopped by itself threw: a mutation never fails because Redis did
        ClusterMutations.rethrowFailures(writers);
        assertThat(mutations.get()).isGreaterThan(40);

        assertReachesThroughTheChannel(a, b, "after");
        assertReachesThroughTheChannel(b, a, "after-back");
        long database = a.bean(CatalogReads.class).revision();
        for (Node node : nodes) {
            assertThat(node.bean(CatalogReloader.class).applied()).isEqualTo(database);
        }
        assertThat(a.bean(CatalogReloader.class).snapshot().digest())
                .isEqualTo(b.bean(CatalogReloader.class).snapshot().digest());

        Set<String> queuedDuringTheSwitch = new HashSet<>();
        for (Node node : nodes) {
            for (ReloadEvent event : node.bean(LocalReloadHistory.class)
                    .query(new HistoryQuery(10_000, null, null, null, killedAt, null))
                    .history()) {
                queuedDuringTheSwitch.add(ReloadEventKeys.of(event));
            }
        }
        assertThat(queuedDuringTheSwitch).isNotEmpty();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(streamOnTheNewMaster()).containsAll(queuedDuringTheSwitch));
        log.info(
                "{} mutations during the failover; {} reload events recorded after the kill all reached the new master",
                mutations,
                queuedDuringTheSwitch.size());
    }

    /** A change made on {@code from} reaches {@code to} quickly; the poll is at an hour, so only the channel can carry it. */
    private void assertReachesThroughTheChannel(Node from, Node to, String label) {
        long revision = from.bean(CatalogEditor.class)
                .create(ClusterMutations.draft(label + "-" + System.nanoTime(), "d"), Actor.of("sentinel-it"))
                .revision();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> to.bean(CatalogReloader.class).applied() >= revision);
    }

    private static long revision(Node node) {
        return node.bean(CatalogReloader.class).applied();
    }

    private Set<String> streamOnTheNewMaster() throws Exception {
        RedisClient client = RedisClient.create(replica.url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return ReloadEventKeys.of(
                    connection.sync().xrange(clusterName + ":reload-events", io.lettuce.core.Range.create("-", "+")));
        } finally {
            client.shutdown();
        }
    }
}
