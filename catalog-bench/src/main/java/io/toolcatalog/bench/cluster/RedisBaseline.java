package io.toolcatalog.bench.cluster;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/** Raw Redis publish → receive with a plain Lettuce client: the floor under a doorbell. */
public final class RedisBaseline {

    private RedisBaseline() {}

    public static Histogram publishToReceive(String redisUrl, String channel, int messages) {
        Histogram micros = new Histogram(60_000_000L, 3);
        AtomicInteger received = new AtomicInteger();
        RedisClient client = RedisClient.create(redisUrl);
        try (StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub();
                StatefulRedisConnection<String, String> pub = client.connect()) {
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String ch, String message) {
                    long us = (System.nanoTime() - Long.parseLong(message)) / 1000;
                    synchronized (micros) {
                        micros.recordValue(Math.min(us, micros.getHighestTrackableValue()));
                    }
                    received.incrementAndGet();
                }
            });
            sub.sync().subscribe(channel);
            for (int i = 0; i < messages + 100; i++) {
                if (i == 100) {
                    synchronized (micros) {
                        micros.reset(); // the first 100 warm the connection and the JIT
                    }
                }
                pub.sync().publish(channel, String.valueOf(System.nanoTime()));
                long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                while (received.get() <= i && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
            }
            sub.sync().unsubscribe(channel);
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        synchronized (micros) {
            return micros.copy();
        }
    }

    /** Deletes every key under the cluster's prefix (its stream, heartbeats, counters). */
    public static long deleteKeys(String redisUrl, String prefix) {
        RedisClient client = RedisClient.create(redisUrl);
        long deleted = 0;
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            io.lettuce.core.KeyScanCursor<String> cursor = c.sync()
                    .scan(io.lettuce.core.ScanArgs.Builder.matches(prefix + "*").limit(1000));
            while (true) {
                if (!cursor.getKeys().isEmpty()) {
                    deleted += c.sync().del(cursor.getKeys().toArray(String[]::new));
                }
                if (cursor.isFinished()) {
                    break;
                }
                cursor = c.sync()
                        .scan(
                                cursor,
                                io.lettuce.core.ScanArgs.Builder.matches(prefix + "*")
                                        .limit(1000));
            }
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        return deleted;
    }
}
