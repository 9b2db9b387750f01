package io.toolcatalog.node.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.toolcatalog.api.watch.WatchProperties;
import io.toolcatalog.core.cluster.ConsumerPosition;
import io.toolcatalog.core.cluster.ConsumerRegistry;
import io.toolcatalog.node.cluster.ClusterJson;
import io.toolcatalog.node.cluster.ClusterProperties;
import io.toolcatalog.node.cluster.ClusterRedis;
import io.toolcatalog.node.testing.TestRedis;
import io.toolcatalog.testsupport.TestInfrastructure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The registry against a real Redis: a bounded table, owned ids across nodes, one hash tag. */
class RedisConsumerRegistryIT {

    private LettuceConnectionFactory connections;
    private StringRedisTemplate redis;
    private ClusterProperties cluster;

    @BeforeEach
    void connect() {
        connections = TestRedis.connections();
        redis = new StringRedisTemplate(connections);
        // the defaults, as a node binds them, under a cluster name of this test's own
        cluster = new Binder(new MapConfigurationPropertySource(
                        Map.of("catalog.cluster.name", TestInfrastructure.newClusterName())))
                .bindOrCreate("catalog.cluster", ClusterProperties.class);
    }

    @AfterEach
    void close() {
        connections.destroy();
    }

    private RedisConsumerRegistry registry(Duration ttl, int capacity) {
        ClusterRedis clusterRedis =
                new ClusterRedis(redis, cluster, new ClusterJson(), CircuitBreaker.ofDefaults("test"));
        WatchProperties watch = new Binder(new MapConfigurationPropertySource(Map.of(
                        "catalog.watch.consumer-ttl",
                        ttl.toMillis() + "ms",
                        "catalog.watch.max-consumers",
                        String.valueOf(capacity))))
                .bindOrCreate("catalog.watch", WatchProperties.class);
        return new RedisConsumerRegistry(clusterRedis, Clock.systemUTC(), watch);
    }

    private static ConsumerPosition position(String id, String node, long delivered, String owner) {
        Instant now = Instant.now();
        return new ConsumerPosition(id, node, delivered, now, now, owner, null);
    }

    @Test
    void refusesNewNamesPastItsCapacityButRefreshesKnownOnes() {
        RedisConsumerRegistry registry = registry(Duration.ofSeconds(30), 5);
        List<ConsumerPosition> ten = IntStream.range(0, 10)
                .mapToObj(i -> position("c" + i, "node-a", i, null))
                .toList();

        assertThat(registry.report(ten)).isEqualTo(new ConsumerRegistry.Refusals(0, 5));
        assertThat(registry.report(List.of(position("c0", "node-a", 42, null))).total())
                .isZero();
        ConsumerRegistry.ConsumerPage page = registry.consumers(null, 100);
        assertThat(page.consumers())
                .extracting(ConsumerPosition::consumerId)
                .containsExactly("c0", "c1", "c2", "c3", "c4");
        assertThat(page.consumers().get(0).deliveredRevision()).isEqualTo(42);
        assertThat(page.total()).isEqualTo(5);
    }

    @Test
    void pagesFollowTheCursorInKeyOrder() {
        RedisConsumerRegistry registry = registry(Duration.ofSeconds(30), 100);
        registry.report(IntStream.range(0, 7)
                .mapToObj(i -> position("p" + i, "node-a", i, null))
                .toList());

        ConsumerRegistry.ConsumerPage first = registry.consumers(null, 3);
        ConsumerRegistry.ConsumerPage second = registry.consumers(first.nextCursor(), 3);
        ConsumerRegistry.ConsumerPage third = registry.consumers(second.nextCursor(), 3);

        assertThat(first.consumers()).extracting(ConsumerPosition::consumerId).containsExactly("p0", "p1", "p2");
        assertThat(second.consumers()).extracting(ConsumerPosition::consumerId).containsExactly("p3", "p4", "p5");
        assertThat(third.consumers()).extracting(ConsumerPosition::consumerId).containsExactly("p6");
        assertThat(third.nextCursor()).isNull();
    }

    @Test
    void anIdAPrincipalReportedIsRefusedToAnonymousReportsAndOtherPrincipalsOnEveryNode() {
        RedisConsumerRegistry registry = registry(Duration.ofSeconds(30), 100);
        registry.report(List.of(position("ranker", "node-a", 7, "alice")));

        ConsumerRegistry.Refusals refused = registry.report(
                List.of(position("ranker", "node-b", 99, null), position("ranker", "node-c", 99, "mallory")));

        assertThat(refused).isEqualTo(new ConsumerRegistry.Refusals(2, 0));
        assertThat(registry.consumers(null, 100).consumers())
                .singleElement()
                .satisfies(p -> assertThat(p.deliveredRevision()).isEqualTo(7));
        assertThat(registry.report(List.of(position("ranker", "node-b", 8, "alice")))
                        .total())
                .as("the owner may report from any node")
                .isZero();
    }

    @Test
    void eachEntryExpiresOnItsOwnAndTheIndexIsPrunedOnTheNextWrite() {
        RedisConsumerRegistry registry = registry(Duration.ofMillis(500), 100);
        registry.report(IntStream.range(0, 20)
                .mapToObj(i -> position("gone" + i, "node-a", 1, null))
                .toList());

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            registry.report(List.of(position("steady", "node-a", 1, null)));
            ConsumerRegistry.ConsumerPage page = registry.consumers(null, 100);
            assertThat(page.consumers())
                    .extracting(ConsumerPosition::consumerId)
                    .containsExactly("steady");
            assertThat(page.total()).isEqualTo(1);
        });
        assertThat(redis.keys("*" + cluster.consumersKey() + "*"))
                .allMatch(key -> key.startsWith("{" + cluster.consumersKey() + "}"), "under one hash tag");
    }
}
