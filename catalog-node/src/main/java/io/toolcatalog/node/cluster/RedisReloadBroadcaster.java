package io.toolcatalog.node.cluster;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.toolcatalog.core.cluster.CatalogChanged;
import io.toolcatalog.core.cluster.ReloadBroadcaster;
import io.toolcatalog.core.reload.ReloadRequest;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Publishes doorbells and reload requests on the cluster's channels. The caller (a mutation, after
 * its commit) only hands the message to {@code publisher}, a bounded single thread, so Redis never
 * blocks or fails a mutation; the publish itself goes through the Redis circuit breaker. A message
 * that cannot be sent is counted and forgotten: the revision poll catches up what it announced.
 */
final class RedisReloadBroadcaster implements ReloadBroadcaster {

    private static final Logger log = LoggerFactory.getLogger(RedisReloadBroadcaster.class);

    private final StringRedisTemplate redis;
    private final ClusterProperties cluster;
    private final ClusterJson json;
    private final CircuitBreaker breaker;
    private final Executor publisher;
    private final Counter changedFailures;
    private final Counter reloadFailures;

    RedisReloadBroadcaster(
            StringRedisTemplate redis,
            ClusterProperties cluster,
            ClusterJson json,
            CircuitBreaker breaker,
            Executor publisher,
            MeterRegistry registry) {
        this.redis = redis;
        this.cluster = cluster;
        this.json = json;
        this.breaker = breaker;
        this.publisher = publisher;
        this.changedFailures = failures(registry, "catalog_changed");
        this.reloadFailures = failures(registry, "reload_requested");
    }

    @Override
    public void catalogChanged(CatalogChanged message) {
        publish(cluster.changedChannel(), json.write(message), changedFailures, "revision " + message.revision());
    }

    @Override
    public void reloadRequested(ReloadRequest request) {
        publish(cluster.reloadChannel(), json.write(request), reloadFailures, "reload_id " + request.reloadId());
    }

    private void publish(String channel, String payload, Counter failures, String what) {
        try {
            publisher.execute(() -> send(channel, payload, failures, what));
        } catch (RejectedExecutionException e) {
            failures.increment();
            log.warn("Publish queue full: {} not announced on {}; the revision poll will cover it", what, channel);
        }
    }

    private void send(String channel, String payload, Counter failures, String what) {
        try {
            breaker.executeRunnable(() -> redis.convertAndSend(channel, payload));
        } catch (CallNotPermittedException e) {
            failures.increment();
            log.debug("Redis circuit open: {} not announced on {}", what, channel);
        } catch (RuntimeException e) {
            failures.increment();
            log.warn("Could not announce {} on {}: {}", what, channel, e.toString());
        }
    }

    private static Counter failures(MeterRegistry registry, String type) {
        return Counter.builder("catalog.cluster.publish.failures")
                .description("Messages this node could not publish to the cluster")
                .tag("type", type)
                .register(registry);
    }
}
