package io.toolcatalog.node.cluster;

import io.toolcatalog.api.webhook.ReplayGuard;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhook signatures already used, remembered for the whole cluster ({@code SET … NX PX}), so a
 * request replayed to another node behind the load balancer is refused too. While Redis does not
 * answer it fails closed ({@link ReplayGuard.Unavailable}, a 503): a per-node memory would let a
 * captured request be replayed once to every other node. Nothing is remembered on failure, so the
 * sender's retry of the same request is accepted once Redis is back.
 */
final class RedisReplayGuard implements ReplayGuard {

    private static final Logger log = LoggerFactory.getLogger(RedisReplayGuard.class);

    private final ClusterRedis redis;
    private final Clock clock;

    RedisReplayGuard(ClusterRedis redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    @Override
    public boolean firstUse(String signature, Instant expiresAt) {
        Duration ttl = Duration.between(clock.instant(), expiresAt);
        if (ttl.isNegative() || ttl.isZero()) {
            return false;
        }
        try {
            String key = redis.cluster().name() + ":webhook-seen:" + signature;
            Boolean first = redis.breaker()
                    .executeSupplier(() -> redis.template().opsForValue().setIfAbsent(key, "1", ttl));
            return Boolean.TRUE.equals(first);
        } catch (RuntimeException e) {
            log.warn("Webhook refused: the replay check cannot reach Redis ({})", e.toString());
            throw new ReplayGuard.Unavailable("replay check unavailable", e);
        }
    }
}
