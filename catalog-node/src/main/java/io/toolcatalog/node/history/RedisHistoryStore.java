package io.toolcatalog.node.history;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.toolcatalog.core.history.CountsByNode;
import io.toolcatalog.core.history.HistoryPage;
import io.toolcatalog.core.history.HistoryQuery;
import io.toolcatalog.core.history.HistoryStore;
import io.toolcatalog.core.history.LocalReloadHistory;
import io.toolcatalog.core.history.ReloadCounts;
import io.toolcatalog.core.history.ReloadEvent;
import io.toolcatalog.node.cluster.ClusterJson;
import io.toolcatalog.node.cluster.ClusterProperties;
import io.toolcatalog.node.cluster.ClusterRedis;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The cluster's reload history and counters, read from Redis, so every node gives the same answer
 * ({@code source} {@code cluster}). This node's events still queued for Redis are merged in, so a
 * node always shows its own reloads at once. When Redis does not answer (or its circuit is open)
 * it answers from this node's {@link LocalReloadHistory} and says so ({@code source} {@code
 * local}). Redis is only ever read here, never on a catalog read's path.
 */
public final class RedisHistoryStore implements HistoryStore {

    private static final Logger log = LoggerFactory.getLogger(RedisHistoryStore.class);
    /** Entries per XREVRANGE: as many as the largest page of history the API returns. */
    static final int PAGE = 100;
    /** Entries one history read looks at, at most; a filter matching nothing recent answers short. */
    static final int MAX_SCANNED = 2000;
    /** Stream ids are arrival times on the Redis clock: allow for nodes' clocks to differ. */
    private static final Duration CLOCK_SLACK = Duration.ofSeconds(60);

    private final StringRedisTemplate redis;
    private final ClusterProperties cluster;
    private final ClusterJson json;
    private final CircuitBreaker breaker;
    private final LocalReloadHistory local;
    private final Supplier<List<ReloadEvent>> pending;

    public RedisHistoryStore(ClusterRedis redis, LocalReloadHistory local, Supplier<List<ReloadEvent>> pending) {
        this.redis = redis.template();
        this.cluster = redis.cluster();
        this.json = redis.json();
        this.breaker = redis.breaker();
        this.local = local;
        this.pending = pending;
    }

    /**
     * Newest first, at most {@code limit}. The stream is read backwards a page at a time and the
     * read stops as soon as {@code limit} entries matched, at {@code since}, or after {@link
     * #MAX_SCANNED} entries: an anonymous history read costs a few small Redis calls, whatever the
     * stream's length. {@code total} is the number of entries returned.
     */
    @Override
    public HistoryPage query(HistoryQuery query) {
        // taken before the stream is read: an event leaves the queue only once it is in the stream,
        // so it is in one or the other (both is fine: the set drops the copy), never in neither
        List<ReloadEvent> queued = pending.get();
        Set<ReloadEvent> matched = new LinkedHashSet<>();
        try {
            breaker.executeRunnable(() -> readStream(query, matched));
        } catch (RuntimeException e) {
            log.debug("Cluster history unavailable ({}); answering from this node's", e.toString());
            return local.query(query);
        }
        queued.stream().filter(query::matches).forEach(matched::add);
        List<ReloadEvent> newestFirst = matched.stream()
                .sorted(Comparator.comparing(ReloadEvent::timestamp).reversed())
                .limit(query.limit())
                .toList();
        return new HistoryPage(newestFirst, newestFirst.size(), "cluster");
    }

    private void readStream(HistoryQuery query, Set<ReloadEvent> matched) {
        long stopBefore =
                query.since() == null ? 0 : query.since().minus(CLOCK_SLACK).toEpochMilli();
        Range<String> range = Range.unbounded();
        int scanned = 0;
        while (scanned < MAX_SCANNED) {
            List<MapRecord<String, Object, Object>> page = redis.opsForStream()
                    .reverseRange(cluster.eventsKey(), range, Limit.limit().count(PAGE));
            if (page == null || page.isEmpty()) {
                return;
            }
            scanned += page.size();
            for (MapRecord<String, Object, Object> record : page) {
                if (record.getId().getTimestamp() < stopBefore) {
                    return;
                }
                ReloadEvent event = eventOf(record);
                if (event != null && query.matches(event)) {
                    matched.add(event);
                }
            }
            if (matched.size() >= query.limit() || page.size() < PAGE) {
                return;
            }
            String oldest = page.get(page.size() - 1).getId().getValue();
            range = Range.of(Range.Bound.unbounded(), Range.Bound.exclusive(oldest));
        }
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
        Map<String, ReloadCounts> nodes = countsOf(fields);
        for (ReloadEvent event : pending.get()) {
            nodes.merge(event.nodeId(), ReloadCounts.of(event), ReloadCounts::plus);
        }
        return new CountsByNode(nodes, "cluster");
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
