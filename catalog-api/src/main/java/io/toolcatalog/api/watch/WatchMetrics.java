package io.toolcatalog.api.watch;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The watch stream's numbers, kept here and published by the node's metrics: open streams and
 * waiting long polls, events sent by type, steps coalesced into an event not yet sent, and the
 * largest lag of this node's consumers (revisions behind this node).
 */
public final class WatchMetrics {

    private final LongAdder snapshots = new LongAdder();
    private final LongAdder changes = new LongAdder();
    private final LongAdder progress = new LongAdder();
    private final LongAdder coalesced = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final AtomicInteger openStreams = new AtomicInteger();
    private final AtomicInteger waitingPolls = new AtomicInteger();
    private final AtomicLong consumerLag = new AtomicLong();

    public int openStreams() {
        return openStreams.get();
    }

    public int waitingPolls() {
        return waitingPolls.get();
    }

    /** Events sent; {@code type} is {@code snapshot}, {@code change} or {@code progress}. */
    public long eventsSent(String type) {
        return switch (type) {
            case EventRenderer.SNAPSHOT -> snapshots.sum();
            case EventRenderer.CHANGE -> changes.sum();
            case EventRenderer.PROGRESS -> progress.sum();
            default -> 0;
        };
    }

    public static String[] eventTypes() {
        return new String[] {EventRenderer.SNAPSHOT, EventRenderer.CHANGE, EventRenderer.PROGRESS};
    }

    public long coalescedEvents() {
        return coalesced.sum();
    }

    /** Streams and long polls refused because the node had as many as it allows. */
    public long refusedConnections() {
        return refused.sum();
    }

    public long maxConsumerLag() {
        return consumerLag.get();
    }

    void sent(String type) {
        switch (type) {
            case EventRenderer.SNAPSHOT -> snapshots.increment();
            case EventRenderer.CHANGE -> changes.increment();
            default -> progress.increment();
        }
    }

    void coalesced(int count) {
        if (count > 0) {
            coalesced.add(count);
        }
    }

    void refused() {
        refused.increment();
    }

    void streamOpened() {
        openStreams.incrementAndGet();
    }

    void streamClosed() {
        openStreams.decrementAndGet();
    }

    void pollStarted() {
        waitingPolls.incrementAndGet();
    }

    void pollEnded() {
        waitingPolls.decrementAndGet();
    }

    void consumerLag(long lag) {
        consumerLag.set(lag);
    }
}
