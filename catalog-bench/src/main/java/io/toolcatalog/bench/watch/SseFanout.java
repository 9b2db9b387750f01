package io.toolcatalog.bench.watch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * Many watch streams held by one selector thread: each connection sends the request once and then
 * only counts {@code change} events as they come in whole ({@link ChangeEvents}: one pass over the
 * bytes, no parsing of the JSON), so the harness itself costs little per stream. A round marks a
 * start time; each stream's first change of the round records its latency when the event's last
 * byte arrived, and the round ends when every stream has one. Each round also keeps its own spread
 * (first, median, last) and what the reading thread spent on it ({@link #lastRound}).
 */
final class SseFanout implements AutoCloseable {

    private final Selector selector;
    private final List<SocketChannel> channels = new ArrayList<>();
    private final Thread loop;
    private final Histogram each = new Histogram(60_000_000L, 3);
    private final Histogram thisRound = new Histogram(60_000_000L, 3);
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final AtomicInteger reached = new AtomicInteger();
    private final Object roundDone = new Object();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile int round;
    private volatile long roundStart;
    private volatile long lastReach;
    private volatile long roundCpuStart;
    private volatile long wakeUps;
    private volatile long roundWakeUpsStart;
    private volatile boolean running = true;

    /**
     * One round as the harness saw it, in microseconds from its start: the first, median and last
     * stream to have the whole event, and the reading thread's CPU and wake-ups meanwhile.
     */
    record Round(long firstMicros, long medianMicros, long lastMicros, long readerCpuMicros, long wakeUps) {}

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
                channel.register(selector, SelectionKey.OP_READ, new ChangeEvents());
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

    /**
     * Starts a round: the next change each stream receives is timed from now. Call it right before
     * the write that makes the change, nothing between them.
     */
    void startRound() {
        synchronized (each) {
            thisRound.reset();
        }
        reached.set(0);
        roundCpuStart = threads.getThreadCpuTime(loop.getId());
        roundWakeUpsStart = wakeUps;
        roundStart = System.nanoTime();
        round++;
    }

    /** The round {@link #awaitRound} last waited for, once every stream had it. */
    Round lastRound() {
        long cpu = (threads.getThreadCpuTime(loop.getId()) - roundCpuStart) / 1000;
        synchronized (each) {
            return new Round(
                    thisRound.getMinValue(),
                    thisRound.getValueAtPercentile(50),
                    thisRound.getMaxValue(),
                    cpu,
                    wakeUps - roundWakeUpsStart);
        }
    }

    /** Waits until every stream got this round's change; returns the time to the last, or -1. */
    long awaitRound(long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        synchronized (roundDone) {
            // woken once, by the last stream's event: no polling thread competes with the reader
            while (reached.get() < channels.size()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return -1;
                }
                try {
                    roundDone.wait(left / 1_000_000 + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
            }
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
        byte[] bytes = new byte[64 * 1024];
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            while (running) {
                synchronized (this) {
                    // lets the opener register channels between selects
                }
                if (selector.select(100) > 0) {
                    wakeUps++; // this thread's only: read by the round's reader without a lock
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    read(key, buffer, bytes);
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything the socket holds now, a buffer at a time. */
    private void read(SelectionKey key, ByteBuffer buffer, byte[] bytes) {
        ChangeEvents events = (ChangeEvents) key.attachment();
        SocketChannel channel = (SocketChannel) key.channel();
        int n;
        do {
            buffer.clear();
            try {
                n = channel.read(buffer);
            } catch (IOException e) {
                n = -1;
            }
            if (n < 0) {
                key.cancel();
                return;
            }
            boolean wasOk = events.ok();
            int before = events.changes();
            events.read(bytes, 0, n);
            if (!wasOk && events.ok()) {
                accepted.incrementAndGet();
            }
            if (before < round && events.changes() >= round) {
                reached();
            }
        } while (n == bytes.length);
    }

    private void reached() {
        long now = System.nanoTime();
        long micros = (now - roundStart) / 1000;
        synchronized (each) {
            each.recordValue(Math.min(micros, each.getHighestTrackableValue()));
            thisRound.recordValue(Math.min(micros, thisRound.getHighestTrackableValue()));
        }
        lastReach = Math.max(lastReach, now);
        if (reached.incrementAndGet() >= channels.size()) {
            synchronized (roundDone) {
                roundDone.notifyAll();
            }
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
