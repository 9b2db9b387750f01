package io.toolcatalog.api.watch;

import io.toolcatalog.core.cohort.ConsumerIdentity;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open event stream, written to a non-blocking {@link StreamOutput} (the servlet container's or
 * the watch port's): no thread waits on a slow reader. While the socket takes no more, steps merge into the subscription's one pending
 * event. The event being written is a shared {@link EventBody}, handed to the container a slice at
 * a time, so a reader that stalls leaves at most one slice in the container. The pieces of that
 * event which the node has since replaced are this stream's own; past {@code maxBufferedBytes} of
 * them the stream is closed and its client resumes from the last whole event it got.
 */
final class SseStream {

    private static final Logger log = LoggerFactory.getLogger(SseStream.class);

    private final StreamOutput out;
    private final WatchConnection connection;
    private final int slice;
    private final long maxBufferedBytes;
    private final Runnable onClose;
    private final Subscription subscription;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Set<String> pinnedNames = new HashSet<>();
    private volatile FrameCursor writing;
    private volatile long lastWriteNanos = System.nanoTime();
    private long pinnedBytes;
    private boolean flushNeeded = true;
    private boolean progressDue;
    private boolean greeted;
    private volatile boolean closed;

    SseStream(
            StreamOutput out,
            WatchConnection connection,
            Set<String> filter,
            ConsumerIdentity consumer,
            long maxBufferedBytes,
            Runnable onClose) {
        this.out = out;
        this.connection = connection;
        this.maxBufferedBytes = maxBufferedBytes;
        this.slice = (int) Math.max(1024, Math.min(32 * 1024, maxBufferedBytes / 4));
        this.onClose = onClose;
        this.subscription = new Subscription(filter, consumer, this::wake, this::superseded);
    }

    Subscription subscription() {
        return subscription;
    }

    /** Something became ready: write it from a sender thread (once, however often woken). */
    void wake() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                connection.sender().execute(() -> {
                    scheduled.set(false);
                    drain();
                });
            } catch (RuntimeException e) { // the sender is shut down: the node is stopping
                scheduled.set(false);
                close();
            }
        }
    }

    /**
     * Sends a {@code progress} event if nothing was written for {@code idleNanos}; ends the stream
     * when its output says the reader stalled.
     */
    void heartbeat(long idleNanos) {
        long now = System.nanoTime();
        if (!closed && out.stalled(now)) {
            endedByTransport(new IOException("the reader took nothing within the write timeout"));
            return;
        }
        if (now - lastWriteNanos < idleNanos) {
            return;
        }
        synchronized (this) {
            if (closed || writing != null || !subscription.idle()) {
                return;
            }
            progressDue = true;
        }
        wake();
    }

    /**
     * The node replaced the rows of {@code names}: those this stream still has to write are now held
     * for it alone. Called on the reloader's report thread; never waits for a write in progress.
     */
    private void superseded(Set<String> names) {
        FrameCursor cursor = writing;
        if (cursor == null || names.isEmpty()) {
            return;
        }
        long held;
        synchronized (pinnedNames) {
            for (String name : names) {
                if (pinnedNames.add(name)) {
                    pinnedBytes += cursor.unsentBytesOf(name);
                }
            }
            held = pinnedBytes + slice;
        }
        if (held > maxBufferedBytes && !closed) {
            log.debug("Watch stream holds {} bytes of replaced rows (bound {}): closing it", held, maxBufferedBytes);
            connection.metrics().dropped(WatchMetrics.OVER_BUFFER);
            connection.sender().execute(this::close);
        }
    }

    /** Writes what is ready while the output takes it (the output calls it when it takes more). */
    synchronized void drain() {
        if (closed) {
            return;
        }
        try {
            while (out.isReady()) {
                FrameCursor cursor = writing != null ? writing : next();
                if (cursor == null) {
                    if (!flushNeeded) {
                        return;
                    }
                    flushNeeded = false;
                    out.flush();
                    continue;
                }
                cursor.writeTo(out, slice);
                flushNeeded = true;
                lastWriteNanos = System.nanoTime();
                if (cursor.done()) {
                    sent(cursor);
                }
            }
        } catch (IOException | IllegalStateException e) {
            log.debug("Watch stream closed while writing: {}", e.toString());
            close();
        }
    }

    private FrameCursor next() {
        Subscription.Ready ready = subscription.take();
        if (ready != null) {
            greeted = true;
            progressDue = false;
            FrameCursor cursor = FrameCursor.sse(connection.render(ready, subscription.filter()));
            synchronized (pinnedNames) {
                pinnedNames.clear();
                pinnedBytes = 0;
            }
            writing = cursor;
            return cursor;
        }
        if (progressDue || !greeted) {
            // a stream that starts current is told so at once, then on every idle heartbeat
            greeted = true;
            progressDue = false;
            if (!subscription.idle()) {
                return null;
            }
            writing = FrameCursor.raw(connection.progress(subscription.head()));
            return writing;
        }
        return null;
    }

    private void sent(FrameCursor cursor) {
        writing = null;
        connection.delivered(cursor.body());
    }

    /** Ends the stream (the client left, a write failed, the node stops); idempotent. */
    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            writing = null; // the event's pieces are no longer this stream's to keep
        }
        out.complete();
        onClose.run();
    }

    /**
     * The transport gave up on the stream (a write timed out on a reader that stopped reading, or
     * the socket broke): the caller's doing, so DEBUG and a counter, never an ERROR it could repeat.
     */
    void endedByTransport(Throwable cause) {
        if (!closed) {
            log.debug("Watch stream ended by the transport: {}", String.valueOf(cause));
            connection.metrics().dropped(WatchMetrics.TIMED_OUT);
        }
        close();
    }
}
