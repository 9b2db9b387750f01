package io.toolcatalog.api.watch;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The watch stream's numbers, kept here and published by the node's metrics: open streams and
 * waiting long polls, events sent by type, steps coalesced into an event not yet sent, and the
 * largest lag of this node's consumers (revisions behind this node), and consumer names refused.
 * No number here is kept per consumer: a consumer's name is the caller's word, never a label.
 */
public final class WatchMetrics {

    /** A stream closed because it held more than {@code max-buffered-bytes} of its own. */
    public static final String OVER_BUFFER = "buffer";
    /** A stream the container ended: its reader stopped reading, or its socket broke. */
    public static final String TIMED_OUT = "timeout";

    private final LongAdder snapshots = new LongAdder();
    private final LongAdder changes = new LongAdder();
    private final LongAdder progress = new LongAdder();
    private final LongAdder coalesced = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder overBuffer = new LongAdder();
    private final LongAdder timedOut = new LongAdder();
    private final LongAdder databaseReads = new LongAdder();
    private final AtomicInteger openStreams = new AtomicInteger();
    private final AtomicInteger waitingPolls = new AtomicInteger();
    private final AtomicLong consumerLag = new AtomicLong();
    private final LongAdder consumersNotOwner = new LongAdder();
    private final LongAdder consumersOverCapacity = new LongAdder();

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

    /** Streams this node ended itself; {@code reason} is {@link #OVER_BUFFER} or {@link #TIMED_OUT}. */
    public long droppedStreams(String reason) {
        return OVER_BUFFER.equals(reason) ? overBuffer.sum() : TIMED_OUT.equals(reason) ? timedOut.sum() : 0;
    }

    public static String[] dropReasons() {
        return new String[] {OVER_BUFFER, TIMED_OUT};
    }

    /** Reads of PostgreSQL made for watch requests (each shared by every request that wanted it). */
    public long databaseReads() {
        return databaseReads.sum();
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

    void dropped(String reason) {
        (OVER_BUFFER.equals(reason) ? overBuffer : timedOut).increment();
    }

    void databaseRead() {
        databaseReads.increment();
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

    /**
     * Consumer reports refused: {@code not_owner} (an id another principal holds) or {@code
     * full} (this node's or the cluster's table was full).
     */
    public long refusedConsumers(String reason) {
        return "not_owner".equals(reason) ? consumersNotOwner.sum() : consumersOverCapacity.sum();
    }

    public static String[] consumerRefusalReasons() {
        return new String[] {"not_owner", "full"};
    }

    void consumersRefused(int notOwner, int full) {
        consumersNotOwner.add(notOwner);
        consumersOverCapacity.add(full);
    }

    void consumerLag(long lag) {
        consumerLag.set(lag);
    }
}
