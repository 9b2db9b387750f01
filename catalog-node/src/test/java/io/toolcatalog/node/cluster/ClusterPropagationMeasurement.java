package io.toolcatalog.node.cluster;

import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.toolcatalog.core.history.HistoryQuery;
import io.toolcatalog.core.history.LocalReloadHistory;
import io.toolcatalog.core.history.ReloadEvent;
import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.store.ChangeLog;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.write.CatalogEditor;
import io.toolcatalog.node.testing.TestCluster;
import io.toolcatalog.node.testing.TestNodes.Node;
import io.toolcatalog.testsupport.MeasuredDatabase;
import io.toolcatalog.testsupport.PrivateRedis;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Not a test (no assertion, not matched by surefire or failsafe): measures, with 3 nodes in one JVM,
 * the time from a change's commit to the last node having applied it, beside the raw Redis
 * publish → receive time in the same run, and the time from Redis returning after an outage to
 * every node converged with the revision poll off. Run with:
 * {@code ./mvnw -B -q test -pl catalog-node -am -Dtest=ClusterPropagationMeasurement
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ClusterPropagationMeasurement {

    private static final int WARMUP = 200;
    private static final int MUTATIONS = 1500;
    private static final int OUTAGES = 5;

    @Test
    void measure() throws Exception {
        PrivateRedis redis = PrivateRedis.server();
        String redisUrl = redis.url();
        Map<String, String> props = Map.of(
                "spring.data.redis.url", redisUrl,
                "catalog.sync.poll-interval", "1h",
                "catalog.reload.history-size", "5000",
                "logging.level.io.toolcatalog", "WARN");
        TestCluster cluster = TestCluster.start("m", 3, props);
        List<Node> nodes = cluster.nodes();
        RedisClient client = RedisClient.create(redisUrl);
        try (StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub();
                StatefulRedisConnection<String, String> pub = client.connect()) {
            BlockingQueue<Long> raw = new ArrayBlockingQueue<>(16);
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    raw.add(System.nanoTime() - Long.parseLong(message));
                }
            });
            sub.sync().subscribe(cluster.name() + ":measure");

            double[] rawMs = new double[MUTATIONS];
            Map<Long, Integer> revisions = new HashMap<>();
            for (int i = 0; i < WARMUP + MUTATIONS; i++) {
                Node writer = nodes.get(i % 3);
                long revision = writer.bean(CatalogEditor.class)
                        .create(ClusterMutations.draft("t-" + i, "d"), Actor.of("measure"))
                        .revision();
                while (nodes.stream()
                        .anyMatch(n -> n.bean(CatalogReloader.class).applied() < revision)) {
                    LockSupport.parkNanos(20_000); // not a spin: this machine has 2 cores
                }
                pub.sync().publish(cluster.name() + ":measure", Long.toString(System.nanoTime()));
                long rawNanos = raw.poll(1, TimeUnit.SECONDS);
                if (i >= WARMUP) {
                    rawMs[i - WARMUP] = rawNanos / 1e6;
                    revisions.put(revision, i);
                }
            }
            Map<Long, Double> lastApplied = new HashMap<>();
            for (Node node : nodes) {
                for (ReloadEvent e : node.bean(LocalReloadHistory.class)
                        .query(HistoryQuery.latest(5000))
                        .history()) {
                    if (revisions.containsKey(e.revision())
                            && e.propagationMs() != null
                            && !e.nodeId().equals(e.originNode())) {
                        lastApplied.merge(e.revision(), e.propagationMs(), Math::max);
                    }
                }
            }
            double[] propagation = lastApplied.values().stream()
                    .mapToDouble(Double::doubleValue)
                    .toArray();
            System.out.printf(
                    "MEASURE commit -> last node applied over %d mutations: p50 %.3f ms, p99 %.3f ms, max %.3f ms%n",
                    propagation.length,
                    MeasuredDatabase.percentile(propagation, 50),
                    MeasuredDatabase.percentile(propagation, 99),
                    MeasuredDatabase.percentile(propagation, 100));
            System.out.printf(
                    "MEASURE raw Redis publish -> receive over %d messages: p50 %.3f ms, p99 %.3f ms, max %.3f ms%n",
                    rawMs.length,
                    MeasuredDatabase.percentile(rawMs, 50),
                    MeasuredDatabase.percentile(rawMs, 99),
                    MeasuredDatabase.percentile(rawMs, 100));

            double[] recovery = new double[OUTAGES];
            for (int round = 0; round < OUTAGES; round++) {
                redis.stop();
                long revision = 0;
                for (int i = 0; i < 5; i++) {
                    revision = nodes.get(0)
                            .bean(CatalogEditor.class)
                            .create(ClusterMutations.draft("o-" + round + "-" + i, "d"), Actor.of("measure"))
                            .revision();
                }
                long target = revision;
                redis.start();
                long back = System.nanoTime();
                await().atMost(Duration.ofSeconds(30))
                        .pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(1))
                        .until(() -> nodes.stream()
                                .allMatch(n -> n.bean(CatalogReloader.class).applied() >= target));
                recovery[round] = (System.nanoTime() - back) / 1e6;
                if (nodes.get(0).bean(ChangeLog.class).currentRevision() != target) {
                    throw new IllegalStateException("the database moved on unexpectedly");
                }
            }
            System.out.printf(
                    "MEASURE Redis back -> all nodes converged (poll off), %d outages: %s ms%n",
                    OUTAGES, Arrays.toString(recovery));
        } finally {
            client.shutdown();
            cluster.close();
            redis.stop();
        }
    }
}
