package io.toolcatalog.node.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.cluster.ReloadRequest;
import io.toolcatalog.core.history.HistoryStore;
import io.toolcatalog.core.history.ReloadCounts;
import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.node.cluster.ClusterProperties;
import io.toolcatalog.node.testing.TestNodes;
import io.toolcatalog.node.testing.TestNodes.Node;
import io.toolcatalog.testsupport.TestInfrastructure;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The reload-counts hash forgets departed nodes: two nodes count reloads, one leaves, and after
 * the retention ({@code forget-after}, 2 s here) its fields are gone, folded into {@code
 * departed-nodes}, while the live node's stay and the cluster's totals still add up.
 */
class ReloadCountsRetentionIT {

    private static final Map<String, String> FAST = Map.of(
            "catalog.cluster.forget-after", "2s",
            "catalog.cluster.heartbeat-interval", "200ms");

    private Node a;
    private Node b;

    @AfterEach
    void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    @Test
    void aDepartedNodesCountersAreFoldedAfterTheRetentionAndTotalsStillAddUp() {
        String jdbcUrl = TestInfrastructure.newSchemaUrl();
        String cluster = TestInfrastructure.newClusterName();
        a = TestNodes.start(jdbcUrl, cluster, "counts-a", FAST);
        b = TestNodes.start(jdbcUrl, cluster, "counts-b", FAST);
        for (int i = 0; i < 3; i++) {
            b.bean(CatalogReloader.class).reload(ReloadRequest.of(ReloadTrigger.MANUAL, "counts-b", "count me"));
        }
        HistoryStore store = a.bean(HistoryStore.class);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> store.counts()
                                .nodes()
                                .getOrDefault("counts-b", ReloadCounts.NONE)
                                .total()
                        >= 4);
        StringRedisTemplate redis = a.bean(StringRedisTemplate.class);
        String countsKey = a.bean(ClusterProperties.class).countsKey();

        b.close();
        ReloadCounts departing = RedisHistoryStore.countsOf(redis.opsForHash().entries(countsKey))
                .get("counts-b");
        b = null;

        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(redis.opsForHash().keys(countsKey))
                        .noneMatch(field -> field.toString().startsWith("counts-b:")));
        Map<String, ReloadCounts> after =
                RedisHistoryStore.countsOf(redis.opsForHash().entries(countsKey));
        assertThat(after.get(ReloadCountsRetention.DEPARTED)).isEqualTo(departing);
        assertThat(after).containsKey("counts-a").doesNotContainKey("counts-b");
        assertThat(store.counts().total()).isEqualTo(after.get("counts-a").plus(departing));
        assertThat(redis.opsForZSet().score(ReloadCountsRetention.seenKey(a.bean(ClusterProperties.class)), "counts-b"))
                .isNull();
    }
}
