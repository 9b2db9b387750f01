package io.toolcatalog.node.cluster;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.toolcatalog.api.webhook.ReplayGuard;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Webhook signatures already used, remembered for the whole cluster ({@code SET … NX PX}), so a
 * request replayed to another node behind the load balancer is refused too. While Redis does not
 * answer, this node's own memory stands in: a replay to the same node is still refused.
 */
final class RedisReplayGuard implements ReplayGuard {

    private static final Logger log = LoggerFactory.getLogger(RedisReplayGuard.class);

    private final StringRedisTemplate redis;
    private final ClusterProperties cluster;
    private final CircuitBreaker breaker;
    private final ReplayGuard fallback;
    private final Clock clock;

    RedisReplayGuard(
            StringRedisTemplate redis,
            ClusterProperties cluster,
            CircuitBreaker breaker,
            ReplayGuard fallback,
            Clock clock) {
        this.redis = redis;
        this.cluster = cluster;
        this.breaker = breaker;
        this.fallback = fallback;
        this.clock = clock;
    }

    @Override
    public boolean firstUse(String signature, Instant expiresAt) {
        boolean locally = fallback.firstUse(signature, expiresAt);
        Duration ttl = Duration.between(clock.instant(), expiresAt);
        if (ttl.isNegative() || ttl.isZero()) {
            return locally;
        }
        try {
            Boolean first = breaker.executeSupplier(
                    () -> redis.opsForValue().setIfAbsent(cluster.name() + ":webhook-seen:" + signature, "1", ttl));
            return locally && Boolean.TRUE.equals(first);
        } catch (RuntimeException e) {
            log.warn("Webhook replay check falls back to this node's memory: {}", e.toString());
            return locally;
        }
    }
}
