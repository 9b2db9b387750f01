package io.toolcatalog.api.watch;

import io.toolcatalog.core.concurrent.Scheduler;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Every open stream and long poll of this node: admits up to {@code max-connections} of them,
 * sends heartbeats, reports consumers, and on shutdown ends them all first thing (before the web
 * server's graceful shutdown waits for requests), so clients reconnect to another node at once.
 */
final class WatchStreams implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WatchStreams.class);

    private final WatchProperties settings;
    private final Scheduler timer;
    private final ConsumerTracker consumers;
    private final WatchMetrics metrics;
    private final AtomicInteger admitted = new AtomicInteger();
    private final Set<SseStream> streams = ConcurrentHashMap.newKeySet();
    private final Set<LongPoll> polls = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private Scheduler.Cancellable heartbeats;
    private Scheduler.Cancellable reports;

    WatchStreams(WatchProperties settings, Scheduler timer, ConsumerTracker consumers, WatchMetrics metrics) {
        this.settings = settings;
        this.timer = timer;
        this.consumers = consumers;
        this.metrics = metrics;
    }

    /** Takes a connection slot; false past the bound or while the node is stopping. */
    boolean admit() {
        while (running) {
            int now = admitted.get();
            if (now >= settings.maxConnections()) {
                metrics.refused();
                return false;
            }
            if (admitted.compareAndSet(now, now + 1)) {
                return true;
            }
        }
        metrics.refused();
        return false;
    }

    void release() {
        admitted.decrementAndGet();
    }

    void opened(SseStream stream) {
        streams.add(stream);
        metrics.streamOpened();
        if (!running) {
            stream.close();
        }
    }

    void closed(SseStream stream) {
        if (streams.remove(stream)) {
            metrics.streamClosed();
        }
    }

    void waiting(LongPoll poll) {
        polls.add(poll);
        metrics.pollStarted();
        if (!running) {
            poll.end();
        }
    }

    void answered(LongPoll poll) {
        if (polls.remove(poll)) {
            metrics.pollEnded();
        }
    }

    private void heartbeat() {
        long idleNanos = settings.heartbeat().toNanos();
        for (SseStream stream : streams) {
            try {
                stream.heartbeat(idleNanos);
            } catch (RuntimeException e) {
                log.warn("Heartbeat of a watch stream failed: {}", e.toString());
            }
        }
    }

    private void reportConsumers() {
        try {
            consumers.report();
        } catch (RuntimeException e) {
            log.warn("Reporting watch consumers failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        long beat = Math.max(10, Math.min(settings.heartbeat().toMillis() / 2, 1000));
        heartbeats = timer.scheduleWithFixedDelay(this::heartbeat, Duration.ofMillis(beat), Duration.ofMillis(beat));
        Duration every = settings.consumerReportInterval();
        reports = timer.scheduleWithFixedDelay(this::reportConsumers, every, every);
    }

    /** Ends every stream and poll now: their clients resume on another node from their revision. */
    @Override
    public synchronized void stop() {
        running = false;
        if (heartbeats != null) {
            heartbeats.cancel();
            reports.cancel();
        }
        int ended = streams.size() + polls.size();
        streams.forEach(SseStream::close);
        polls.forEach(LongPoll::end);
        if (ended > 0) {
            log.info("Ended {} watch streams and long polls: the node is stopping", ended);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops first of all lifecycles, before the web server's graceful shutdown. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
