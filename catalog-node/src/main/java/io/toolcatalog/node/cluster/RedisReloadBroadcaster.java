package io.toolcatalog.node.cluster;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.toolcatalog.core.cluster.ChangeMessage;
import io.toolcatalog.core.cluster.ReloadBroadcaster;
import io.toolcatalog.core.cluster.ReloadRequest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Publishes change messages and reload requests on the cluster's channels, without a thread hop:
 * the caller (a mutation, after its commit) hands the message to Lettuce's asynchronous API, which
 * returns at once, so Redis never blocks or fails a mutation (in a Redis Cluster by {@code
 * SPUBLISH}, to the master of the channel's slot now). Each publish goes through the Redis circuit
 * breaker (its outcome recorded when Redis answers or the command times out), and at most {@code
 * publish-queue-capacity} are in flight. Only connecting may block: that happens on {@code
 * connector}, never on the caller. A change that cannot be announced is counted and remembered
 * ({@link MissedAnnouncement}) to be published again once Redis answers. What a message carries,
 * and its signature, are {@link MessagePayloads}' concern.
 */
final class RedisReloadBroadcaster implements ReloadBroadcaster {

    private static final Logger log = LoggerFactory.getLogger(RedisReloadBroadcaster.class);

    private final RedisConnectionFactory connections;
    private final ClusterProperties cluster;
    private final CircuitBreaker breaker;
    private final Executor connector;
    private final Semaphore inFlight;
    private final Counter changedFailures;
    private final Counter reloadFailures;
    private final MessagePayloads payloads;
    private final MissedAnnouncement unannounced;
    private final boolean sharded; // SPUBLISH, in a Redis Cluster
    private final AtomicBoolean retrying = new AtomicBoolean();
    private volatile RedisClusterAsyncCommands<byte[], byte[]> commands;

    RedisReloadBroadcaster(
            ClusterRedis redis,
            Executor connector,
            MissedAnnouncement unannounced,
            MeterRegistry registry,
            boolean sharded) {
        this.connections = redis.template().getRequiredConnectionFactory();
        this.sharded = sharded;
        this.cluster = redis.cluster();
        this.breaker = redis.breaker();
        this.connector = connector;
        this.unannounced = unannounced;
        this.payloads = new MessagePayloads(cluster, redis.json(), registry);
        this.inFlight = new Semaphore(Math.max(1, cluster.publishQueueCapacity()));
        this.changedFailures = failures(registry, "catalog_changed");
        this.reloadFailures = failures(registry, "reload_requested");
        unannounced.publishWith(this::announceMissed); // last: a retry may run on another thread from now on
    }

    @Override
    public void catalogChanged(ChangeMessage message) {
        ChangeMessage stamped = message.withPublishedAt(PropagationHops.nowMicros());
        publish(
                cluster.changedChannel(),
                payloads.ofChange(stamped),
                failures(message),
                "revision " + message.revision(),
                r -> {
                    if (r) {
                        unannounced.announced(message.revision());
                    }
                });
    }

    @Override
    public void reloadRequested(ReloadRequest request) {
        publish(
                cluster.reloadChannel(),
                payloads.of(request),
                () -> reloadFailures.increment(),
                "reload_id " + request.reloadId(),
                r -> {});
    }

    /** What a failed publish of {@code message} does: count it and remember it, to announce once Redis is back. */
    private Runnable failures(ChangeMessage message) {
        return () -> {
            changedFailures.increment();
            unannounced.missed(message);
        };
    }

    /**
     * Publishes a change that could not be announced, on the connector, one try at a time, whatever
     * the circuit says (it spares the mutations' path, which this is not).
     */
    private void announceMissed(ChangeMessage missed) {
        if (!retrying.compareAndSet(false, true)) {
            return;
        }
        try {
            connector.execute(() -> {
                RedisClusterAsyncCommands<byte[], byte[]> async = connect(true);
                if (async == null || !inFlight.tryAcquire()) {
                    retrying.set(false);
                    return;
                }
                byte[] payload = payloads.of(missed.withPublishedAt(PropagationHops.nowMicros()));
                send(
                        async,
                        cluster.changedChannel(),
                        payload,
                        () -> {},
                        "revision " + missed.revision(),
                        ok -> {
                            retrying.set(false);
                            if (ok) {
                                unannounced.announced(missed.revision());
                                log.info("Announced revision {} once Redis answered again", missed.revision());
                            }
                        },
                        true);
            });
        } catch (RejectedExecutionException e) {
            retrying.set(false);
        }
    }

    private void publish(String channel, byte[] payload, Runnable failures, String what, Consumer<Boolean> outcome) {
        RedisClusterAsyncCommands<byte[], byte[]> async = commands;
        if (async == null) {
            try {
                connector.execute(() -> sendIfFree(connect(false), channel, payload, failures, what, outcome));
            } catch (RejectedExecutionException e) {
                failures.run();
                log.warn(
                        "Redis not connected yet: {} not announced on {}; the revision poll will cover it",
                        what,
                        channel);
            }
            return;
        }
        sendIfFree(async, channel, payload, failures, what, outcome);
    }

    private void sendIfFree(
            RedisClusterAsyncCommands<byte[], byte[]> async,
            String channel,
            byte[] payload,
            Runnable failures,
            String what,
            Consumer<Boolean> outcome) {
        if (async == null) {
            failures.run();
            return;
        }
        if (!inFlight.tryAcquire()) {
            failures.run();
            log.warn(
                    "Too many publishes in flight: {} not announced on {}; the revision poll will cover it",
                    what,
                    channel);
            return;
        }
        if (!breaker.tryAcquirePermission()) {
            inFlight.release();
            failures.run();
            log.debug("Redis circuit open: {} not announced on {} yet", what, channel);
            return;
        }
        send(async, channel, payload, failures, what, outcome, false);
    }

    /** Publishes holding one of {@code inFlight}'s permits, which it releases. */
    private void send(
            RedisClusterAsyncCommands<byte[], byte[]> async,
            String channel,
            byte[] payload,
            Runnable failures,
            String what,
            Consumer<Boolean> outcome,
            boolean retry) {
        long start = breaker.getCurrentTimestamp();
        try {
            (sharded ? async.spublish(utf8(channel), payload) : async.publish(utf8(channel), payload))
                    .whenComplete((receivers, error) -> {
                        inFlight.release();
                        long took = breaker.getCurrentTimestamp() - start;
                        if (error == null) {
                            breaker.onSuccess(took, breaker.getTimestampUnit());
                        } else {
                            breaker.onError(took, breaker.getTimestampUnit(), error);
                            forgetIfClosed(async);
                            failures.run();
                            // a retry fails every few hundred ms while Redis is down: DEBUG, the first failure said it
                            log.atLevel(retry ? Level.DEBUG : Level.WARN)
                                    .log("Could not announce {} on {}: {}", what, channel, error.toString());
                        }
                        outcome.accept(error == null);
                    });
        } catch (RuntimeException e) {
            inFlight.release();
            breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), e);
            failures.run();
            commands = null;
            log.atLevel(retry ? Level.DEBUG : Level.WARN)
                    .log("Could not announce {} on {}: {}", what, channel, e.toString());
            outcome.accept(false);
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
    private RedisClusterAsyncCommands<byte[], byte[]> connect(boolean evenIfOpen) {
        RedisClusterAsyncCommands<byte[], byte[]> async = commands;
        if (async != null) {
            return async;
        }
        if (!evenIfOpen && breaker.getState() == CircuitBreaker.State.OPEN) {
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
}
