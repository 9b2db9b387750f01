package io.toolcatalog.node.history;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.toolcatalog.core.history.HistoryPage;
import io.toolcatalog.core.history.HistoryQuery;
import io.toolcatalog.core.history.HistoryStore;
import io.toolcatalog.core.history.LocalReloadHistory;
import io.toolcatalog.core.history.ReloadCounts;
import io.toolcatalog.core.reload.ReloadEvent;
import io.toolcatalog.node.cluster.ClusterJson;
import io.toolcatalog.node.cluster.ClusterProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The cluster's reload history and counters, read from Redis, so every node gives the same answer
 * ({@code source} {@code cluster}). When Redis does not answer (or its circuit is open) it answers
 * from this node's {@link LocalReloadHistory} and says so ({@code source} {@code local}). Redis is
 * only ever read here, never on a catalog read's path.
 */
public final class RedisHistoryStore implements HistoryStore {

    private static final Logger log = LoggerFactory.getLogger(RedisHistoryStore.class);

    private final StringRedisTemplate redis;
    private final ClusterProperties cluster;
    private final ClusterJson json;
    private final CircuitBreaker breaker;
    private final LocalReloadHistory local;

    public RedisHistoryStore(
            StringRedisTemplate redis,
            ClusterProperties cluster,
            ClusterJson json,
            CircuitBreaker breaker,
            LocalReloadHistory local) {
        this.redis = redis;
        this.cluster = cluster;
        this.json = json;
        this.breaker = breaker;
        this.local = local;
    }

    /** Newest first: the stream is in the order the events reached Redis. */
    @Override
    public HistoryPage query(HistoryQuery query) {
        List<MapRecord<String, Object, Object>> records;
        try {
            records = breaker.executeSupplier(
                    () -> redis.opsForStream().reverseRange(cluster.eventsKey(), Range.unbounded()));
        } catch (RuntimeException e) {
            log.debug("Cluster history unavailable ({}); answering from this node's", e.toString());
            return local.query(query);
        }
        List<ReloadEvent> matched = new ArrayList<>();
        int total = 0;
        for (MapRecord<String, Object, Object> record :
                records == null ? List.<MapRecord<String, Object, Object>>of() : records) {
            ReloadEvent event = eventOf(record);
            if (event != null && query.matches(event)) {
                total++;
                if (matched.size() < query.limit()) {
                    matched.add(event);
                }
            }
        }
        return new HistoryPage(List.copyOf(matched), total, "cluster");
    }

    @Override
    public CountsByNode counts() {
        Map<Object, Object> fields;
        try {
            fields = breaker.executeSupplier(() -> redis.opsForHash().entries(cluster.countsKey()));
        } catch (RuntimeException e) {
            log.debug("Cluster counters unavailable ({}); answering from this node's", e.toString());
            return local.counts();
        }
        return new CountsByNode(countsOf(fields), "cluster");
    }

    /** Fields are {@code <node>:total|successful|failed}; node ids may contain colons themselves. */
    static Map<String, ReloadCounts> countsOf(Map<Object, Object> fields) {
        Map<String, ReloadCounts> nodes = new TreeMap<>();
        fields.forEach((key, value) -> {
            String field = (String) key;
            int colon = field.lastIndexOf(':');
            if (colon <= 0) {
                return;
            }
            String node = field.substring(0, colon);
            long n = Long.parseLong((String) value);
            ReloadCounts counts =
                    switch (field.substring(colon + 1)) {
                        case "total" -> new ReloadCounts(n, 0, 0);
                        case "successful" -> new ReloadCounts(0, n, 0);
                        case "failed" -> new ReloadCounts(0, 0, n);
                        default -> ReloadCounts.NONE;
                    };
            nodes.merge(node, counts, ReloadCounts::plus);
        });
        return nodes;
    }

    private ReloadEvent eventOf(MapRecord<String, Object, Object> record) {
        Object value = record.getValue().get("event");
        if (value == null) {
            return null;
        }
        try {
            return json.read((String) value, ReloadEvent.class);
        } catch (RuntimeException e) {
            log.debug("Skipping unreadable history entry {}: {}", record.getId(), e.toString());
            return null;
        }
    }
}
