package io.toolcatalog.node.watch;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.toolcatalog.api.watch.WatchProperties;
import io.toolcatalog.core.cluster.ConsumerPosition;
import io.toolcatalog.core.cluster.ConsumerRegistry;
import io.toolcatalog.node.cluster.ClusterJson;
import io.toolcatalog.node.cluster.ClusterRedis;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The cluster's watch consumers in Redis, one key per entry ({@code id@node} → position as JSON)
 * with its own time to live, so an entry nobody reports again is gone on time whoever reads. Two
 * sorted sets index the entries: by last report (to prune the index on write) and by key (to list
 * in pages). The table holds at most {@code capacity} entries; a report past it, or under an id
 * whose owner key names another principal, is refused (see {@link #REPORT}). Every key shares one
 * hash tag, so the script runs on one Redis Cluster slot. Every call goes through the circuit
 * breaker.
 */
final class RedisConsumerRegistry implements ConsumerRegistry {

    private static final Logger log = LoggerFactory.getLogger(RedisConsumerRegistry.class);

    /**
     * KEYS: the by-last-seen index, the by-key index, then per position its entry and its owner key.
     * ARGV: now (ms), time to live (ms), capacity, then per position its key, owner ('' when
     * anonymous) and JSON. Prunes up to 256 index members not reported within the time to live
     * (their entry keys have expired already), then writes each position unless its id is owned by
     * someone else or the table is full; answers {refused as not owner, refused as full}.
     */
    static final RedisScript<List> REPORT = RedisScript.of(
            """
            local now, ttl, capacity = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
            local gone = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now - ttl, 'LIMIT', 0, 256)
            if #gone > 0 then
              redis.call('ZREM', KEYS[1], unpack(gone))
              redis.call('ZREM', KEYS[2], unpack(gone))
            end
            local notOwner, full = 0, 0
            for i = 1, (#KEYS - 2) / 2 do
              local entry, ownerKey = KEYS[2 * i + 1], KEYS[2 * i + 2]
              local key, owner, json = ARGV[3 * i + 1], ARGV[3 * i + 2], ARGV[3 * i + 3]
              local holder = redis.call('GET', ownerKey)
              if holder and holder ~= owner then
                notOwner = notOwner + 1
              elseif not redis.call('ZSCORE', KEYS[1], key) and redis.call('ZCARD', KEYS[1]) >= capacity then
                full = full + 1
              else
                if owner ~= '' then
                  redis.call('SET', ownerKey, owner, 'PX', ttl)
                end
                redis.call('SET', entry, json, 'PX', ttl)
                redis.call('ZADD', KEYS[1], now, key)
                redis.call('ZADD', KEYS[2], 0, key)
              end
            end
            redis.call('PEXPIRE', KEYS[1], 2 * ttl)
            redis.call('PEXPIRE', KEYS[2], 2 * ttl)
            return {notOwner, full}
            """,
            List.class);

    /**
     * KEYS: the id's owner key. ARGV: the claimant ('' when anonymous), time to live (ms). The rule
     * of {@link #REPORT}: refused (0) when another principal holds the id; an authenticated claimant
     * holds it for the time to live (1).
     */
    static final RedisScript<Long> CLAIM = RedisScript.of(
            """
            local holder = redis.call('GET', KEYS[1])
            if holder and holder ~= ARGV[1] then
              return 0
            end
            if ARGV[1] ~= '' then
              redis.call('SET', KEYS[1], ARGV[1], 'PX', tonumber(ARGV[2]))
            end
            return 1
            """,
            Long.class);

    private final StringRedisTemplate redis;
    private final ClusterJson json;
    private final CircuitBreaker breaker;
    private final Clock clock;
    private final Duration ttl;
    private final int capacity;
    private final String tag;

    RedisConsumerRegistry(ClusterRedis redis, Clock clock, WatchProperties watch) {
        this.redis = redis.template();
        this.json = redis.json();
        this.breaker = redis.breaker();
        this.clock = clock;
        this.ttl = watch.consumerTtl();
        this.capacity = watch.maxConsumers();
        this.tag = "{" + redis.cluster().consumersKey() + "}";
    }

    @Override
    public Refusals report(Collection<ConsumerPosition> positions) {
        if (positions.isEmpty()) {
            return Refusals.NONE;
        }
        List<String> keys = new ArrayList<>(List.of(bySeen(), byKey()));
        List<String> args = new ArrayList<>(
                List.of(String.valueOf(clock.millis()), String.valueOf(ttl.toMillis()), String.valueOf(capacity)));
        for (ConsumerPosition position : positions) {
            keys.add(entry(position.key()));
            keys.add(tag + ":owner:" + position.consumerId());
            args.add(position.key());
            args.add(Objects.requireNonNullElse(position.owner(), ""));
            args.add(json.write(position));
        }
        List<?> refused = breaker.executeSupplier(() -> redis.execute(REPORT, keys, args.toArray()));
        return new Refusals(count(refused, 0), count(refused, 1));
    }

    @Override
    public boolean claim(String consumerId, String owner) {
        Long claimed = breaker.executeSupplier(() -> redis.execute(
                CLAIM,
                List.of(tag + ":owner:" + consumerId),
                Objects.requireNonNullElse(owner, ""),
                String.valueOf(ttl.toMillis())));
        return claimed != null && claimed == 1L;
    }

    @Override
    public ConsumerPage consumers(String cursor, int limit) {
        Range<String> range = cursor == null ? Range.unbounded() : Range.rightUnbounded(Range.Bound.exclusive(cursor));
        return breaker.executeSupplier(() -> {
            Set<String> members =
                    redis.opsForZSet().rangeByLex(byKey(), range, Limit.limit().count(limit));
            List<String> keys = members == null ? List.of() : List.copyOf(members);
            List<ConsumerPosition> positions = new ArrayList<>(keys.size());
            if (!keys.isEmpty()) {
                List<String> values = redis.opsForValue()
                        .multiGet(keys.stream().map(this::entry).toList());
                for (int i = 0; values != null && i < values.size(); i++) {
                    read(keys.get(i), values.get(i), positions);
                }
            }
            Long total = redis.opsForZSet().zCard(byKey());
            String next = keys.size() < limit ? null : keys.get(keys.size() - 1);
            return new ConsumerPage(positions, next, total == null ? 0 : total);
        });
    }

    private void read(String key, String value, List<ConsumerPosition> into) {
        if (value == null) {
            return; // expired; the next report prunes it from the index
        }
        try {
            into.add(json.read(value, ConsumerPosition.class));
        } catch (RuntimeException e) {
            log.warn("Ignoring an unreadable consumer entry {}: {}", key, e.toString());
        }
    }

    private static int count(List<?> reply, int index) {
        return reply != null && reply.size() > index && reply.get(index) instanceof Number n ? n.intValue() : 0;
    }

    private String bySeen() {
        return tag + ":by-seen";
    }

    private String byKey() {
        return tag + ":by-key";
    }

    private String entry(String key) {
        return tag + ":entry:" + key;
    }
}
