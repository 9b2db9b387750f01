package io.toolcatalog.node.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.cluster.NodeIdentity;
import io.toolcatalog.core.history.HistoryPage;
import io.toolcatalog.core.history.HistoryQuery;
import io.toolcatalog.core.history.LocalReloadHistory;
import io.toolcatalog.core.history.ReloadEvent;
import io.toolcatalog.core.history.ReloadKind;
import io.toolcatalog.node.cluster.ClusterJson;
import io.toolcatalog.node.cluster.ClusterProperties;
import io.toolcatalog.node.cluster.ClusterRedis;
import io.toolcatalog.node.testing.TestRedis;
import io.toolcatalog.testsupport.TestInfrastructure;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StreamOperations;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.unit.DataSize;

/** Reading the cluster's stream against a real Redis: paging past one page, 'since', pending events. */
class RedisHistoryStoreIT {

    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");

    private final ClusterJson json = new ClusterJson();
    private final List<ReloadEvent> pending = new ArrayList<>();
    private final AtomicLong entriesRead = new AtomicLong();
    private Runnable onPendingRead = () -> {};
    private LettuceConnectionFactory connections;
    private StringRedisTemplate redis;
    private ClusterProperties cluster;
    private RedisHistoryStore store;

    @BeforeEach
    void connect() {
        connections = TestRedis.connections();
        redis = new StringRedisTemplate(connections) {
            /** Counts the stream entries the store reads. */
            @Override
            @SuppressWarnings("unchecked")
            public <HK, HV> StreamOperations<String, HK, HV> opsForStream() {
                StreamOperations<String, HK, HV> real = super.opsForStream();
                return (StreamOperations<String, HK, HV>) Proxy.newProxyInstance(
                        StreamOperations.class.getClassLoader(),
                        new Class<?>[] {StreamOperations.class},
                        (proxy, method, args) -> {
                            Object result;
                            try {
                                result = method.invoke(real, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                            if (method.getName().equals("reverseRange") && result instanceof List<?> list) {
                                entriesRead.addAndGet(list.size());
                            }
                            return result;
                        });
            }
        };
        cluster = new ClusterProperties(
                TestInfrastructure.newClusterName(),
                Duration.ofSeconds(1),
                3,
                Duration.ofMinutes(5),
                10_000,
                10_000,
                1000,
                Duration.ofMillis(500),
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                Duration.ofMillis(500),
                DataSize.ofKilobytes(64),
                null);
        store = new RedisHistoryStore(
                new ClusterRedis(redis, cluster, json, CircuitBreaker.ofDefaults("test")),
                new LocalReloadHistory(10, new NodeIdentity("node-a", "a", T0)),
                () -> {
                    onPendingRead.run();
                    return List.copyOf(pending);
                });
    }

    @AfterEach
    void clean() {
        redis.delete(List.of(cluster.eventsKey(), cluster.countsKey()));
        connections.destroy();
    }

    private static ReloadEvent event(int i, String node) {
        return new ReloadEvent(
                ReloadTrigger.API_UPDATE,
                "t" + i,
                "alice",
                null,
                T0.plusMillis(i),
                true,
                null,
                1.0,
                node,
                "node-a",
                UUID.randomUUID(),
                i - 1,
                i,
                ReloadKind.PARTIAL,
                1,
                2.0,
                "editor",
                null);
    }

    private void inStream(ReloadEvent event) {
        redis.opsForStream()
                .add(StreamRecords.newRecord().in(cluster.eventsKey()).ofMap(Map.of("event", json.write(event))));
    }

    @Test
    void returnsTheNewestMatchesFirstAcrossPages() {
        for (int i = 1; i <= 2500; i++) {
            inStream(event(i, i % 2 == 0 ? "node-a" : "node-b"));
        }

        HistoryPage all = store.query(HistoryQuery.latest(5));
        HistoryPage ofB = store.query(new HistoryQuery(100, null, "node-b", null, null, null));

        assertThat(all.source()).isEqualTo("cluster");
        assertThat(all.total()).isEqualTo(5);
        assertThat(all.history()).extracting(ReloadEvent::revision).containsExactly(2500L, 2499L, 2498L, 2497L, 2496L);
        assertThat(ofB.total()).isEqualTo(100);
        assertThat(ofB.history()).extracting(ReloadEvent::revision).startsWith(2499L, 2497L);
        assertThat(ofB.history()).allMatch(e -> e.nodeId().equals("node-b"));
    }

    @Test
    void stopsReadingTheStreamOnceLimitEntriesMatched() {
        for (int i = 1; i <= 5000; i++) {
            inStream(event(i, i % 2 == 0 ? "node-a" : "node-b"));
        }

        store.query(HistoryQuery.latest(5));
        assertThat(entriesRead.getAndSet(0)).isLessThanOrEqualTo(RedisHistoryStore.PAGE);

        store.query(new HistoryQuery(100, null, "node-b", null, null, null));
        assertThat(entriesRead.getAndSet(0)).isLessThanOrEqualTo(3 * RedisHistoryStore.PAGE);
    }

    @Test
    void aFilterThatMatchesNothingReadsABoundedPartOfTheStream() {
        for (int i = 1; i <= 5000; i++) {
            inStream(event(i, "node-a"));
        }

        HistoryPage page = store.query(new HistoryQuery(10, null, "node-z", null, null, null));

        assertThat(page.history()).isEmpty();
        assertThat(entriesRead.get()).isEqualTo(RedisHistoryStore.MAX_SCANNED).isLessThan(5000);
    }

    @Test
    void anEventTheWriterMovesFromTheQueueToTheStreamMeanwhileIsNeverMissed() {
        ReloadEvent moving = event(1, "node-a");
        pending.add(moving);
        // the writer acknowledges the event just as the reader consults the queue
        onPendingRead = () -> {
            inStream(moving);
            pending.clear();
        };

        HistoryPage page = store.query(HistoryQuery.latest(10));

        assertThat(page.history()).containsExactly(moving);
    }

    @Test
    void mergesThisNodesEventsStillWaitingForRedisWithoutDuplicates() {
        ReloadEvent written = event(1, "node-a");
        ReloadEvent waiting = event(2, "node-a");
        inStream(written);
        pending.add(written);
        pending.add(waiting);

        HistoryPage page = store.query(HistoryQuery.latest(10));

        assertThat(page.history()).containsExactly(waiting, written);
    }

    @Test
    void countsThisNodesWaitingEventsOnTopOfTheSharedCounters() {
        redis.opsForHash().putAll(cluster.countsKey(), Map.of("node-a:total", "3", "node-a:successful", "3"));
        pending.add(event(4, "node-a"));

        assertThat(store.counts().nodes().get("node-a").total()).isEqualTo(4);
        assertThat(store.counts().source()).isEqualTo("cluster");
    }
}
