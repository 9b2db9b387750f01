package io.toolcatalog.bench.watch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Many watch streams held by one selector thread: each connection sends the request once and then
 * only counts {@code event: change} lines as they arrive (a byte matcher, no parsing), so the
 * harness itself costs little per stream. A round marks a start time; each stream's first change
 * of the round records its latency, and the round ends when every stream has one.
 */
final class SseFanout implements AutoCloseable {

    private static final byte[] CHANGE = "event: change\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OK = "HTTP/1.1 200".getBytes(StandardCharsets.US_ASCII);

    private final Selector selector;
    private final List<SocketChannel> channels = new ArrayList<>();
    private final Thread loop;
    private final Histogram each = new Histogram(60_000_000L, 3);
    private final AtomicInteger reached = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile int round;
    private volatile long roundStart;
    private volatile long lastReach;
    private volatile boolean running = true;

    private static final class Stream {
        int matched;
        int changes;
        int head;
        boolean ok;
    }

    SseFanout(int port, int count, long since) throws IOException {
        selector = Selector.open();
        byte[] request = ("GET /api/v1/watch?since=" + since + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Accept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        loop = new Thread(this::run, "bench-sse-fanout");
        loop.setDaemon(true);
        loop.start();
        for (int i = 0; i < count; i++) {
            SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            channel.write(ByteBuffer.wrap(request));
            channel.configureBlocking(false);
            channels.add(channel);
            synchronized (this) {
                selector.wakeup();
                channel.register(selector, SelectionKey.OP_READ, new Stream());
            }
        }
    }

    /** How many streams answered 200. */
    int accepted() {
        return accepted.get();
    }

    int size() {
        return channels.size();
    }

    /** Starts a round: the next change each stream receives is timed from now. */
    void startRound() {
        reached.set(0);
        roundStart = System.nanoTime();
        round++;
    }

    /** Waits until every stream got this round's change; returns the time to the last, or -1. */
    long awaitRound(long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (reached.get() < channels.size()) {
            if (System.nanoTime() > deadline) {
                return -1;
            }
            LockSupport.parkNanos(50_000); // not a spin: the harness shares two cores with the nodes
        }
        return (lastReach - roundStart) / 1000;
    }

    /** Every stream's latency of every round, in microseconds. */
    Histogram latencies() {
        synchronized (each) {
            return each.copy();
        }
    }

    void resetLatencies() {
        synchronized (each) {
            each.reset();
        }
    }

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try {
            while (running) {
                synchronized (this) {
                    // lets the opener register channels between selects
                }
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    Stream stream = (Stream) key.attachment();
                    SocketChannel channel = (SocketChannel) key.channel();
                    buffer.clear();
                    int n;
                    try {
                        n = channel.read(buffer);
                    } catch (IOException e) {
                        n = -1;
                    }
                    if (n < 0) {
                        key.cancel();
                        continue;
                    }
                    scan(stream, buffer.array(), n);
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void scan(Stream stream, byte[] bytes, int n) {
        for (int i = 0; i < n; i++) {
            byte b = bytes[i];
            if (stream.head < OK.length) {
                if (b == OK[stream.head]) {
                    stream.head++;
                    if (stream.head == OK.length) {
                        stream.ok = true;
                        accepted.incrementAndGet();
                    }
                } else {
                    stream.head = OK.length; // not a 200: never counted
                }
                continue;
            }
            if (b == CHANGE[stream.matched]) {
                stream.matched++;
                if (stream.matched == CHANGE.length) {
                    stream.matched = 0;
                    changed(stream);
                }
            } else {
                stream.matched = b == CHANGE[0] ? 1 : 0;
            }
        }
    }

    private void changed(Stream stream) {
        stream.changes++;
        if (stream.changes == round) {
            long now = System.nanoTime();
            synchronized (each) {
                each.recordValue(Math.min((now - roundStart) / 1000, each.getHighestTrackableValue()));
            }
            lastReach = Math.max(lastReach, now);
            reached.incrementAndGet();
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        for (SocketChannel channel : channels) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        try {
            loop.join(2000);
            selector.close();
        } catch (IOException e) {
            // closing anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
