package io.toolcatalog.node.watch;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.toolcatalog.core.cluster.ConsumerPosition;
import io.toolcatalog.core.cluster.ConsumerRegistry;
import io.toolcatalog.node.cluster.ClusterJson;
import io.toolcatalog.node.cluster.ClusterProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The cluster's watch consumers in one Redis hash ({@code <consumer>@<node>} → position as JSON).
 * Redis 7.0 has no per-field expiry, so expiry is by {@code last_seen}: a reader drops (and
 * deletes) entries older than the time to live, and the whole hash expires when no node has
 * reported for that long. Every call goes through the Redis circuit breaker.
 */
final class RedisConsumerRegistry implements ConsumerRegistry {

    private static final Logger log = LoggerFactory.getLogger(RedisConsumerRegistry.class);

    private final StringRedisTemplate redis;
    private final ClusterProperties cluster;
    private final ClusterJson json;
    private final CircuitBreaker breaker;
    private final Clock clock;
    private final Duration ttl;

    RedisConsumerRegistry(
            StringRedisTemplate redis,
            ClusterProperties cluster,
            ClusterJson json,
            CircuitBreaker breaker,
            Clock clock,
            Duration ttl) {
        this.redis = redis;
        this.cluster = cluster;
        this.json = json;
        this.breaker = breaker;
        this.clock = clock;
        this.ttl = ttl;
    }

    @Override
    public void report(Collection<ConsumerPosition> positions) {
        if (positions.isEmpty()) {
            return;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (ConsumerPosition position : positions) {
            fields.put(field(position), json.write(position));
        }
        breaker.executeRunnable(() -> {
            redis.opsForHash().putAll(cluster.consumersKey(), fields);
            redis.expire(cluster.consumersKey(), ttl.multipliedBy(2));
        });
    }

    @Override
    public List<ConsumerPosition> consumers() {
        Map<Object, Object> entries =
                breaker.executeSupplier(() -> redis.opsForHash().entries(cluster.consumersKey()));
        Instant cutoff = clock.instant().minus(ttl);
        List<ConsumerPosition> positions = new ArrayList<>();
        List<Object> expired = new ArrayList<>();
        for (Map.Entry<Object, Object> entry : entries.entrySet()) {
            ConsumerPosition position;
            try {
                position = json.read((String) entry.getValue(), ConsumerPosition.class);
            } catch (RuntimeException e) {
                log.warn("Ignoring an unreadable consumer entry {}: {}", entry.getKey(), e.toString());
                expired.add(entry.getKey());
                continue;
            }
            if (position.lastSeen() == null || !position.lastSeen().isAfter(cutoff)) {
                expired.add(entry.getKey());
            } else {
                positions.add(position);
            }
        }
        if (!expired.isEmpty()) {
            try {
                breaker.executeRunnable(() -> redis.opsForHash().delete(cluster.consumersKey(), expired.toArray()));
            } catch (RuntimeException e) {
                log.debug("Could not delete {} expired consumer entries: {}", expired.size(), e.toString());
            }
        }
        return positions;
    }

    private static String field(ConsumerPosition position) {
        return position.consumerId() + "@" + position.nodeId();
    }
}
