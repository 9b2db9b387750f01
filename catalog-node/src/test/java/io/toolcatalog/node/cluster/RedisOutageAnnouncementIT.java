package io.toolcatalog.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.write.CatalogEditor;
import io.toolcatalog.node.testing.TestNodes;
import io.toolcatalog.node.testing.TestNodes.Node;
import io.toolcatalog.testsupport.PrivateRedis;
import io.toolcatalog.testsupport.TestInfrastructure;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on a Redis of the test's own, stopped and started again on the same port. The revision
 * poll is at a minute and the circuit stays open 3 s, so a write made just after Redis is back,
 * while the writer's circuit is still open, reaches the peer only if it is announced once Redis
 * answers.
 */
class RedisOutageAnnouncementIT {

    private PrivateRedis redis;
    private Node a;
    private Node b;

    @BeforeEach
    void start() {
        redis = PrivateRedis.server();
        String jdbcUrl = TestInfrastructure.newSchemaUrl();
        String clusterName = TestInfrastructure.newClusterName();
        Map<String, String> props = Map.of(
                "spring.data.redis.url", redis.url(),
                "catalog.sync.poll-interval", "60s",
                "catalog.sync.digest-check-interval", "1h",
                "catalog.cluster.heartbeat-interval", "200ms",
                "catalog.cluster.circuit-open-duration", "3s");
        a = TestNodes.start(jdbcUrl, clusterName, "outage-a", props);
        b = TestNodes.start(jdbcUrl, clusterName, "outage-b", props);
    }

    @AfterEach
    void stop() {
        b.close();
        a.close();
        redis.close();
    }

    private long write(String name) {
        return a.bean(CatalogEditor.class)
                .create(ClusterMutations.draft(name + "-" + System.nanoTime(), "d"), Actor.of("outage-it"))
                .revision();
    }

    private static double subscriptions(Node node) {
        return node.bean(MeterRegistry.class)
                .counter("catalog.cluster.subscriptions")
                .count();
    }

    private static long applied(Node node) {
        return node.bean(CatalogReloader.class).applied();
    }

    @Test
    void aChangeThatCouldNotBeAnnouncedIsAnnouncedOnceRedisAnswersAgain() {
        long before = write("before");
        await().atMost(Duration.ofSeconds(5)).until(() -> applied(b) >= before);
        double resubscribed = subscriptions(b);

        redis.kill();
        long during = write("during");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> a.bean(CircuitBreaker.class).getState() == CircuitBreaker.State.OPEN);
        redis.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> subscriptions(b) > resubscribed);
        long after = write("after");

        await().atMost(Duration.ofSeconds(8)).until(() -> applied(b) >= after);
        assertThat(applied(b)).isGreaterThan(during);
    }
}
