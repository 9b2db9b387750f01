package io.toolcatalog.node.cluster;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.toolcatalog.core.cluster.CatalogChanged;
import io.toolcatalog.core.cluster.ReloadBroadcaster;
import io.toolcatalog.core.cluster.ReloadRequest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Publishes change messages and reload requests on the cluster's channels, without a thread hop:
 * the caller (a mutation, after its commit) hands the message to Lettuce's asynchronous API, which
 * returns at once, so Redis never blocks or fails a mutation. Each publish goes through the Redis
 * circuit breaker (its outcome recorded when Redis answers or the command times out), and at most
 * {@code publish-queue-capacity} are in flight. Only getting the connection may block (connecting
 * to Redis), so until one is held that happens on {@code connector}, never on the caller. A
 * message that cannot be sent is counted and forgotten: the revision poll catches up what it
 * announced. A change's rows are carried when the message stays within {@code max-carried-bytes}.
 */
final class RedisReloadBroadcaster implements ReloadBroadcaster {

    private static final Logger log = LoggerFactory.getLogger(RedisReloadBroadcaster.class);

    private final RedisConnectionFactory connections;
    private final ClusterProperties cluster;
    private final ClusterJson json;
    private final CircuitBreaker breaker;
    private final Executor connector;
    private final Semaphore inFlight;
    private final Counter changedFailures;
    private final Counter reloadFailures;
    private final Counter carried;
    private final Counter doorbells;
    private volatile RedisClusterAsyncCommands<byte[], byte[]> commands;

    RedisReloadBroadcaster(
            RedisConnectionFactory connections,
            ClusterProperties cluster,
            ClusterJson json,
            CircuitBreaker breaker,
            Executor connector,
            MeterRegistry registry) {
        this.connections = connections;
        this.cluster = cluster;
        this.json = json;
        this.breaker = breaker;
        this.connector = connector;
        this.inFlight = new Semaphore(Math.max(1, cluster.publishQueueCapacity()));
        this.changedFailures = failures(registry, "catalog_changed");
        this.reloadFailures = failures(registry, "reload_requested");
        this.carried = published(registry, "true");
        this.doorbells = published(registry, "false");
    }

    @Override
    public void catalogChanged(CatalogChanged message) {
        CatalogChanged stamped = message.withPublishedAt(PropagationHops.nowMicros());
        publish(cluster.changedChannel(), payloadOf(stamped), changedFailures, "revision " + message.revision());
    }

    @Override
    public void reloadRequested(ReloadRequest request) {
        publish(cluster.reloadChannel(), utf8(json.write(request)), reloadFailures, "reload_id " + request.reloadId());
    }

    /** The message with its rows when carrying is on and it fits the bound; else the plain doorbell. */
    private byte[] payloadOf(CatalogChanged message) {
        if (message.changed() != null && cluster.carriesChanges()) {
            byte[] full = utf8(json.write(message));
            if (full.length <= cluster.maxCarriedBytes().toBytes()) {
                carried.increment();
                return full;
            }
            log.debug(
                    "Revision {}: rows over {}, publishing a plain doorbell",
                    message.revision(),
                    cluster.maxCarriedBytes());
        }
        doorbells.increment();
        return utf8(json.write(message.changed() == null ? message : message.withoutRows()));
    }

    private void publish(String channel, byte[] payload, Counter failures, String what) {
        RedisClusterAsyncCommands<byte[], byte[]> async = commands;
        if (async == null) {
            try {
                connector.execute(() -> send(connect(), channel, payload, failures, what));
            } catch (RejectedExecutionException e) {
                failures.increment();
                log.warn(
                        "Redis not connected yet: {} not announced on {}; the revision poll will cover it",
                        what,
                        channel);
            }
            return;
        }
        send(async, channel, payload, failures, what);
    }

    private void send(
            RedisClusterAsyncCommands<byte[], byte[]> async,
            String channel,
            byte[] payload,
            Counter failures,
            String what) {
        if (async == null) {
            failures.increment();
            return;
        }
        if (!inFlight.tryAcquire()) {
            failures.increment();
            log.warn(
                    "Too many publishes in flight: {} not announced on {}; the revision poll will cover it",
                    what,
                    channel);
            return;
        }
        if (!breaker.tryAcquirePermission()) {
            inFlight.release();
            failures.increment();
            log.debug("Redis circuit open: {} not announced on {}", what, channel);
            return;
        }
        long start = breaker.getCurrentTimestamp();
        try {
            async.publish(utf8(channel), payload).whenComplete((receivers, error) -> {
                inFlight.release();
                long took = breaker.getCurrentTimestamp() - start;
                if (error == null) {
                    breaker.onSuccess(took, breaker.getTimestampUnit());
                } else {
                    breaker.onError(took, breaker.getTimestampUnit(), error);
                    forgetIfClosed(async);
                    failures.increment();
                    log.warn("Could not announce {} on {}: {}", what, channel, error.toString());
                }
            });
        } catch (RuntimeException e) {
            inFlight.release();
            breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), e);
            failures.increment();
            commands = null;
            log.warn("Could not announce {} on {}: {}", what, channel, e.toString());
        }
    }

    /** A connection closed for good (not one Lettuce is reconnecting) is fetched again next time. */
    private void forgetIfClosed(RedisClusterAsyncCommands<byte[], byte[]> async) {
        try {
            if (!async.isOpen()) {
                commands = null;
            }
        } catch (RuntimeException e) {
            commands = null;
        }
    }

    /**
     * The shared native connection's asynchronous commands (the one Spring's templates use): Lettuce
     * reconnects it by itself, so it is fetched once and kept. Null while Redis cannot be reached.
     */
    @SuppressWarnings("unchecked")
    private RedisClusterAsyncCommands<byte[], byte[]> connect() {
        RedisClusterAsyncCommands<byte[], byte[]> async = commands;
        if (async != null) {
            return async;
        }
        if (breaker.getState() == CircuitBreaker.State.OPEN) {
            return null;
        }
        long start = breaker.getCurrentTimestamp();
        try (RedisConnection connection = connections.getConnection()) {
            async = (RedisClusterAsyncCommands<byte[], byte[]>) connection.getNativeConnection();
            commands = async;
            return async;
        } catch (RuntimeException e) {
            breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), e);
            log.debug("Cannot connect to Redis to publish: {}", e.toString());
            return null;
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Counter failures(MeterRegistry registry, String type) {
        return Counter.builder("catalog.cluster.publish.failures")
                .description("Messages this node could not publish to the cluster")
                .tag("type", type)
                .register(registry);
    }

    private static Counter published(MeterRegistry registry, String carried) {
        return Counter.builder("catalog.cluster.changes.published")
                .description("Change messages handed to Redis, by whether they carried the revision's rows")
                .tag("carried", carried)
                .register(registry);
    }
}
