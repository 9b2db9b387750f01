package io.toolcatalog.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.history.CountsByNode;
import io.toolcatalog.core.history.HistoryPage;
import io.toolcatalog.core.history.HistoryQuery;
import io.toolcatalog.core.history.HistoryStore;
import io.toolcatalog.core.history.ReloadCounts;
import io.toolcatalog.core.history.ReloadEvent;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.write.CatalogEditor;
import io.toolcatalog.node.history.RedisHistorySink;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Cluster-wide reload history and statistics: three nodes on one schema and one Redis prefix, the
 * revision poll off, every node answering for all of them.
 */
class ClusterHistoryIT extends NoPollClusterTest {

    @BeforeAll
    static void awaitStartUpHistory() {
        // what nodes record as they start and subscribe has all reached Redis: two readings alike
        AtomicLong last = new AtomicLong(-1);
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    long size = node(1).bean(StringRedisTemplate.class)
                            .opsForStream()
                            .size(node(1).bean(ClusterProperties.class).eventsKey());
                    boolean flushed = cluster.nodes().stream()
                            .allMatch(n -> n.bean(RedisHistorySink.class).queued() == 0);
                    return size == last.getAndSet(size) && flushed;
                });
    }

    @BeforeEach
    void aChangeEveryNodeApplied() {
        long revision = node(2).bean(CatalogEditor.class)
                .create(
                        ClusterMutations.draft(
                                "history-" + UUID.randomUUID().toString().substring(0, 6), "x"),
                        Actor.of("it"))
                .revision();
        await().atMost(Duration.ofSeconds(2)).until(() -> cluster.nodes().stream()
                .allMatch(n ->
                        applied(n) >= revision && n.bean(RedisHistorySink.class).queued() == 0));
    }

    @Test
    void everyNodeListsTheEventsOfAllNodesAndGivesTheSameAnswer() {
        List<HistoryPage> pages = cluster.nodes().stream()
                .map(n -> n.bean(HistoryStore.class).query(HistoryQuery.latest(100)))
                .toList();

        assertThat(pages).allSatisfy(page -> assertThat(page.source()).isEqualTo("cluster"));
        assertThat(pages)
                .extracting(HistoryPage::total)
                .containsOnly(pages.get(0).total());
        assertThat(pages)
                .extracting(HistoryPage::history)
                .containsOnly(pages.get(0).history());
        ReloadEvent latest = pages.get(0).history().stream()
                .filter(e -> "node-2".equals(e.originNode()))
                .findFirst()
                .orElseThrow();
        List<ReloadEvent> ofThatChange = node(1).bean(HistoryStore.class)
                .query(HistoryQuery.forReload(latest.reloadId(), null, 100))
                .history();
        assertThat(ofThatChange)
                .extracting(ReloadEvent::nodeId)
                .containsExactlyInAnyOrder("node-1", "node-2", "node-3");
        assertThat(ofThatChange).extracting(ReloadEvent::revision).containsOnly(latest.revision());
    }

    @Test
    void filtersByNodeAndTrigger() {
        HistoryPage page = node(3).bean(HistoryStore.class)
                .query(new HistoryQuery(100, ReloadTrigger.API_UPDATE, "node-1", null, null, null));

        assertThat(page.history()).isNotEmpty().allSatisfy(e -> {
            assertThat(e.nodeId()).isEqualTo("node-1");
            assertThat(e.trigger()).isEqualTo(ReloadTrigger.API_UPDATE);
        });
    }

    @Test
    void statisticsSumTheCountersOfAllNodesAndMatchTheStream() {
        // killed connections earlier may hold a node's Redis circuit open for a moment
        List<CountsByNode> counts = await().atMost(Duration.ofSeconds(5))
                .until(
                        () -> cluster.nodes().stream()
                                .map(n -> n.bean(HistoryStore.class).counts())
                                .toList(),
                        all -> all.stream().allMatch(c -> c.source().equals("cluster")));
        long inStream = node(1).bean(StringRedisTemplate.class)
                .opsForStream()
                .size(node(1).bean(ClusterProperties.class).eventsKey());

        assertThat(counts)
                .extracting(CountsByNode::nodes)
                .containsOnly(counts.get(0).nodes());
        assertThat(counts.get(0).nodes()).containsKeys("node-1", "node-2", "node-3");
        ReloadCounts total = counts.get(0).total();
        assertThat(total.total()).isEqualTo(inStream);
        assertThat(total.successful() + total.failed()).isEqualTo(total.total());
    }
}
