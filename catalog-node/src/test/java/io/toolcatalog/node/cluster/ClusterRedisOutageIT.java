package io.toolcatalog.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.toolcatalog.core.history.HistoryPage;
import io.toolcatalog.core.history.HistoryQuery;
import io.toolcatalog.core.history.HistoryStore;
import io.toolcatalog.core.history.ReloadEvent;
import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.testing.ToolDrafts;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.write.CatalogEditor;
import io.toolcatalog.node.health.RedisHealthDetails;
import io.toolcatalog.node.history.RedisHistorySink;
import io.toolcatalog.node.testing.TestCluster;
import io.toolcatalog.node.testing.TestNodes;
import io.toolcatalog.node.testing.TestNodes.Node;
import io.toolcatalog.testsupport.PrivateRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis goes away and comes back: three nodes on a redis-server of their own (the machine's Redis
 * is never stopped), a fast revision poll and heartbeat; writes go on, nodes converge by the poll,
 * history is queued and flushed, subscriptions come back.
 */
class ClusterRedisOutageIT {

    private static final Logger log = LoggerFactory.getLogger(ClusterRedisOutageIT.class);

    private static PrivateRedis redis;
    private static TestCluster cluster;

    @BeforeAll
    static void startClusterOnItsOwnRedis() {
        redis = PrivateRedis.server();
        cluster = TestCluster.start(
                "outage",
                3,
                Map.of(
                        "spring.data.redis.url", redis.url(),
                        "catalog.sync.poll-interval", "200ms",
                        "catalog.cluster.heartbeat-interval", "500ms"));
    }

    @AfterAll
    static void stopIt() {
        cluster.close();
        redis.stop();
    }

    private long subscribers(String channel) {
        RedisClient client = RedisClient.create(redis.url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().pubsubNumsub(channel).getOrDefault(channel, 0L);
        } finally {
            client.shutdown();
        }
    }

    private Map<String, Object> health(Node node) {
        Map<String, Object> details = new HashMap<>();
        node.bean(RedisHealthDetails.class).contribute(details);
        return details;
    }

    @Test
    void aNodeStartsAndServesWhileRedisIsDownThenSubscribesWhenItReturns() {
        String channel = cluster.node(1).bean(ClusterProperties.class).changedChannel();
        redis.stop();
        try (Node late = TestNodes.start(
                cluster.jdbcUrl(),
                cluster.name(),
                "outage-late",
                Map.of("spring.data.redis.url", redis.url(), "catalog.sync.poll-interval", "200ms"))) {
            assertThat(late.bean(CatalogReloader.class).isLoaded()).isTrue();
            long revision = cluster.node(1)
                    .bean(CatalogEditor.class)
                    .create(
                            ToolDrafts.named("while-down-" + System.nanoTime())
                                    .description("d")
                                    .enabled(true)
                                    .build(),
                            Actor.of("editor"))
                    .revision();
            await().atMost(Duration.ofSeconds(3))
                    .until(() -> late.bean(CatalogReloader.class).applied() >= revision);

            redis.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> subscribers(channel) == 4);
        } finally {
            redis.start();
        }
    }

    @Test
    void mutationsSucceedNodesConvergeByPollAndHistoryAndSubscriptionsComeBack() throws Exception {
        String channel = cluster.node(1).bean(ClusterProperties.class).changedChannel();
        await().atMost(Duration.ofSeconds(2)).until(() -> subscribers(channel) == 3);

        redis.stop();
        Instant down = Instant.now();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong slowest = new AtomicLong();
        List<Future<Integer>> writers = ClusterMutations.write(
                pool,
                cluster.nodes(),
                n -> new ClusterMutations(n.bean(CatalogEditor.class), n.id(), 3),
                stop,
                Integer.MAX_VALUE,
                slowest);
        try {
            await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
            stop.set(true);
            assertThat(ClusterMutations.sum(writers)).isPositive();
        } finally {
            pool.shutdownNow();
        }
        assertThat(slowest.get())
                .as("slowest mutation while Redis was down, ms")
                .isLessThan(1000);
        cluster.awaitConverged(Duration.ofSeconds(3));
        assertThat(cluster.nodes()).allSatisfy(n -> {
            assertThat(health(n)).containsEntry("redis", "degraded");
            assertThat(n.bean(RedisHistorySink.class).queued()).isPositive();
        });

        redis.start();
        long back = System.nanoTime();
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> subscribers(channel) == 3);
        long resubscribedMs = (System.nanoTime() - back) / 1_000_000;
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> cluster.nodes().stream()
                        .allMatch(n -> n.bean(RedisHistorySink.class).queued() == 0));
        long flushedMs = (System.nanoTime() - back) / 1_000_000;
        log.info(
                "After Redis returned: all nodes resubscribed in {} ms, queued history flushed in {} ms",
                resubscribedMs,
                flushedMs);

        // a publish that timed out during the outage may still open the breaker once more as Redis returns:
        // the node answers from its own history until the breaker lets a read through again
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            HistoryPage history = cluster.node(1)
                    .bean(HistoryStore.class)
                    .query(new HistoryQuery(10_000, null, null, null, down, null));
            assertThat(history.source()).isEqualTo("cluster");
            assertThat(history.history()).extracting(ReloadEvent::nodeId).contains("outage-1", "outage-2", "outage-3");
        });
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(cluster.nodes())
                .allSatisfy(n -> assertThat(health(n)).containsEntry("redis", "up")));
    }
}
