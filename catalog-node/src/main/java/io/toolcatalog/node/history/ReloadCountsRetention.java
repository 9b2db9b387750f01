package io.toolcatalog.node.history;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.toolcatalog.core.concurrent.Scheduler;
import io.toolcatalog.node.cluster.ClusterProperties;
import io.toolcatalog.node.cluster.ClusterRedis;
import io.toolcatalog.node.schedule.PeriodicTask;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Keeps the cluster's reload counters from growing a field per node forever (a rollout adds nodes
 * with new ids every time). A node's counters are folded into {@value #DEPARTED} once it has left
 * the membership and has written no counter for {@code catalog.cluster.forget-after}: the cluster's
 * totals never drop, only the per-node breakdown of long-gone nodes goes. One Lua script does it,
 * so nodes pruning at the same time cannot count anything twice.
 */
final class ReloadCountsRetention extends PeriodicTask {

    /** The pseudo node whose counters sum those of every pruned node. */
    static final String DEPARTED = "departed-nodes";

    private static final Logger log = LoggerFactory.getLogger(ReloadCountsRetention.class);
    private static final RedisScript<Long> FOLD = new DefaultRedisScript<>(
            """
            local fields = redis.call('HGETALL', KEYS[1])
            local folded = {}
            for i = 1, #fields, 2 do
              local node, kind = string.match(fields[i], '^(.*):([^:]+)$')
              if node and node ~= ARGV[2] and redis.call('HEXISTS', KEYS[3], node) == 0 then
                local seen = redis.call('ZSCORE', KEYS[2], node)
                if (not seen) or tonumber(seen) < tonumber(ARGV[1]) then
                  redis.call('HINCRBY', KEYS[1], ARGV[2] .. ':' .. kind, fields[i + 1])
                  redis.call('HDEL', KEYS[1], fields[i])
                  redis.call('ZREM', KEYS[2], node)
                  folded[node] = true
                end
              end
            end
            local count = 0
            for _ in pairs(folded) do count = count + 1 end
            return count
            """,
            Long.class);

    private final StringRedisTemplate redis;
    private final ClusterProperties cluster;
    private final CircuitBreaker breaker;
    private final Clock clock;

    ReloadCountsRetention(ClusterRedis redis, Scheduler scheduler, Clock clock) {
        super(scheduler, interval(redis.cluster()), interval(redis.cluster()));
        this.redis = redis.template();
        this.cluster = redis.cluster();
        this.breaker = redis.breaker();
        this.clock = clock;
    }

    /** Where each node's last counter write is kept (a sorted set: node → epoch millis). */
    static String seenKey(ClusterProperties cluster) {
        return cluster.countsKey() + ":seen";
    }

    /** Folds the counters of nodes gone for longer than the retention; returns how many nodes. */
    long prune() {
        long cutoff = clock.millis() - cluster.forgetAfter().toMillis();
        Long folded = breaker.executeSupplier(() -> redis.execute(
                FOLD,
                List.of(cluster.countsKey(), seenKey(cluster), cluster.nodesKey()),
                String.valueOf(cutoff),
                DEPARTED));
        if (folded != null && folded > 0) {
            log.info("Folded the reload counters of {} departed nodes into '{}'", folded, DEPARTED);
        }
        return folded == null ? 0 : folded;
    }

    /** A quarter of the retention, between 100 ms and a minute. */
    private static Duration interval(ClusterProperties cluster) {
        return Duration.ofMillis(Math.max(
                100,
                Math.min(Duration.ofMinutes(1).toMillis(), cluster.forgetAfter().toMillis() / 4)));
    }

    @Override
    protected void runOnce() {
        try {
            prune();
        } catch (RuntimeException e) {
            log.debug("Reload counter pruning skipped: {}", e.toString());
        }
    }
}
