package io.toolcatalog.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.toolcatalog.bench.reload.BenchCatalog;
import io.toolcatalog.core.change.RevisionRows;
import io.toolcatalog.core.cluster.ChangeMessage;
import io.toolcatalog.core.store.CatalogDelta;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulated nodes handle a change message as a node's listener does. Needs PostgreSQL and Redis. */
class SimulatedNodesTest {

    private static final ObjectMapper NODE_JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final String redisUrl = System.getenv("CATALOG_TEST_REDIS_URL");
    private final String cluster = "bench-test-" + UUID.randomUUID().toString().substring(0, 8);
    private BenchCatalog catalog;
    private SimulatedNodes sim;
    private RedisClient redis;

    @BeforeEach
    void start() {
        assumeTrue(System.getenv(BenchCatalog.JDBC_ENV) != null && redisUrl != null, "needs PostgreSQL and Redis");
        catalog = BenchCatalog.create(20);
        sim = SimulatedNodes.start(BenchCatalog.jdbcUrl() + "?currentSchema=" + catalog.schema(), redisUrl, cluster, 3);
        redis = RedisClient.create(redisUrl);
    }

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
            redis.shutdown();
            catalog.close();
        }
    }

    @Test
    void aMessageCarryingTheRowsIsAppliedWithoutACatchUp() throws Exception {
        long from = catalog.reads().revision();
        catalog.touch(1, 1);
        CatalogDelta delta = catalog.reads().readSince(from, 1000, List.of());
        RevisionRows rows = new RevisionRows(delta.lastChange(), from, delta.changed(), List.copyOf(delta.removed()));

        publish(NODE_JSON.writeValueAsString(ChangeMessage.carrying(rows).withPublishedAt(1)));

        assertThat(sim.awaitApplied(delta.revision(), Duration.ofSeconds(5))).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.carriedApplies() == 3); // counted after the swap
        assertThat(sim.rang()).isZero();
        assertThat(sim.hops().get(2).getTotalCount()).isEqualTo(3);
    }

    @Test
    void aPlainDoorbellRingsForACatchUpFromPostgres() {
        catalog.touch(2, 2);
        long revision = catalog.reads().revision();

        publish("{\"revision\":" + revision + ",\"origin_node\":\"elsewhere\"}");

        assertThat(sim.awaitApplied(revision, Duration.ofSeconds(5))).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.rang() == 3);
        assertThat(sim.carriedApplies()).isZero();
        assertThat(sim.firstSeen().values()).allSatisfy(seen -> assertThat(seen).containsKey(revision));
    }

    @Test
    void countsEveryDeliveryAndTheCpuOfTheThreadsThatHandledIt() {
        catalog.touch(3, 3);
        long revision = catalog.reads().revision();
        long cpuBefore = sim.cpuNanos();

        publish("{\"revision\":" + revision + ",\"origin_node\":\"elsewhere\"}");

        assertThat(sim.awaitApplied(revision, Duration.ofSeconds(5))).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.received() == 3);
        assertThat(sim.cpuNanos()).isGreaterThan(cpuBefore);
    }

    private void publish(String json) {
        try (StatefulRedisConnection<String, String> c = redis.connect()) {
            assertThat(c.sync().publish(cluster + ":catalog-changed", json)).isEqualTo(3);
        }
    }
}
