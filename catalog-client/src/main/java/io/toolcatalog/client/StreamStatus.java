package io.toolcatalog.client;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the reader thread knows of the node it follows, kept for {@link CatalogClient#status()}:
 * whether a stream is open, when a node was last heard from and the newest revision one told of.
 */
final class StreamStatus {

    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong nodeRevision = new AtomicLong();
    private volatile boolean connected;
    private volatile boolean heard;
    private volatile long lastHeard = System.nanoTime();

    /** The client started: the age of its last event counts from now until a node answers. */
    void started() {
        lastHeard = System.nanoTime();
    }

    /**
     * A stream opened; {@code revisionHeader} is the node's {@code X-Catalog-Revision}, {@code null}
     * without one. What the previous node told no longer counts (the new one may be behind it).
     */
    void opened(String revisionHeader) {
        opened.incrementAndGet();
        connected = true;
        nodeRevision.set(0);
        long revision = -1;
        try {
            revision = revisionHeader == null ? -1 : Long.parseLong(revisionHeader.trim());
        } catch (NumberFormatException e) {
            // a header we cannot read tells nothing; the events will
        }
        heard(revision);
    }

    void closed() {
        connected = false;
    }

    /** A node told of {@code revision} (-1: it answered without naming one). */
    void heard(long revision) {
        heard = true;
        lastHeard = System.nanoTime();
        nodeRevision.accumulateAndGet(revision, Math::max);
    }

    boolean connected() {
        return connected;
    }

    boolean heardFromNode() {
        return heard;
    }

    long nodeRevision() {
        return nodeRevision.get();
    }

    Duration sinceLastHeard() {
        return Duration.ofNanos(System.nanoTime() - lastHeard);
    }

    long reconnects() {
        return Math.max(0, opened.get() - 1);
    }
}
