package io.toolcatalog.bench.watch;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The floor under a fan-out (the watch stream's, the simulated nodes'): one publish received by
 * {@code subscribers} plain Lettuce pub/sub connections to the same Redis, each recording publish →
 * receive.
 */
public final class RedisFanout {

    private RedisFanout() {}

    /** Every subscriber's latency over {@code messages} publishes (after 20 to warm up), in µs. */
    public static Histogram measure(String redisUrl, String channel, int subscribers, int messages) {
        return run(redisUrl, channel, subscribers, messages)[0];
    }

    /** Per publish, the time until the last of {@code subscribers} received it, in µs. */
    public static Histogram toLast(String redisUrl, String channel, int subscribers, int messages) {
        return run(redisUrl, channel, subscribers, messages)[1];
    }

    private static Histogram[] run(String redisUrl, String channel, int subscribers, int messages) {
        Histogram micros = new Histogram(60_000_000L, 3);
        Histogram toLast = new Histogram(60_000_000L, 3);
        AtomicLong lastReceived = new AtomicLong();
        AtomicInteger received = new AtomicInteger();
        RedisClient client = RedisClient.create(redisUrl);
        List<StatefulRedisPubSubConnection<String, String>> subs = new ArrayList<>();
        try (StatefulRedisConnection<String, String> pub = client.connect()) {
            for (int i = 0; i < subscribers; i++) {
                StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub();
                sub.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String ch, String message) {
                        long us = (System.nanoTime() - Long.parseLong(message)) / 1000;
                        lastReceived.accumulateAndGet(us, Math::max);
                        synchronized (micros) {
                            micros.recordValue(Math.min(us, micros.getHighestTrackableValue()));
                        }
                        received.incrementAndGet();
                    }
                });
                sub.sync().subscribe(channel);
                subs.add(sub);
            }
            int warmup = 20;
            for (int i = 0; i < messages + warmup; i++) {
                if (i == warmup) {
                    synchronized (micros) {
                        micros.reset();
                    }
                    toLast.reset();
                }
                received.set(0);
                lastReceived.set(0);
                pub.sync().publish(channel, String.valueOf(System.nanoTime()));
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (received.get() < subscribers && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(50_000); // not a spin: the harness shares two cores with the nodes
                }
                if (received.get() >= subscribers) {
                    toLast.recordValue(Math.min(lastReceived.get(), toLast.getHighestTrackableValue()));
                }
                pause(10);
            }
        } finally {
            subs.forEach(StatefulRedisPubSubConnection::close);
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        synchronized (micros) {
            return new Histogram[] {micros.copy(), toLast};
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
