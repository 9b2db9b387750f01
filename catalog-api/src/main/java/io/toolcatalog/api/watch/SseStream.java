package io.toolcatalog.api.watch;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open event stream, written with the Servlet API's non-blocking output: no thread waits on a
 * slow reader. While the socket takes no more, steps merge into the subscription's one pending
 * event, so what a reader has not taken yet is at most one event in memory plus one being written.
 * Writes happen on the shared sender threads or the container's write-possible callback, one at a
 * time per stream.
 */
final class SseStream implements WriteListener, AsyncListener {

    private static final Logger log = LoggerFactory.getLogger(SseStream.class);

    private final AsyncContext async;
    private final ServletOutputStream out;
    private final EventRenderer renderer;
    private final Executor sender;
    private final WatchMetrics metrics;
    private final ConsumerTracker consumers;
    private final String consumerId;
    private final Runnable onClose;
    private final Subscription subscription;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile long lastWriteNanos = System.nanoTime();
    private boolean flushNeeded = true;
    private boolean progressDue;
    private boolean greeted;
    private boolean closed;

    SseStream(
            AsyncContext async,
            ServletOutputStream out,
            EventRenderer renderer,
            Executor sender,
            WatchMetrics metrics,
            ConsumerTracker consumers,
            String consumerId,
            java.util.Set<String> filter,
            Runnable onClose) {
        this.async = async;
        this.out = out;
        this.renderer = renderer;
        this.sender = sender;
        this.metrics = metrics;
        this.consumers = consumers;
        this.consumerId = consumerId;
        this.onClose = onClose;
        this.subscription = new Subscription(filter, this::wake);
    }

    Subscription subscription() {
        return subscription;
    }

    /** Something became ready: write it from a sender thread (once, however often woken). */
    void wake() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                sender.execute(() -> {
                    scheduled.set(false);
                    drain();
                });
            } catch (RuntimeException e) { // the sender is shut down: the node is stopping
                scheduled.set(false);
                close();
            }
        }
    }

    /** Sends a {@code progress} event if nothing was written for {@code idleNanos}. */
    void heartbeat(long idleNanos) {
        if (System.nanoTime() - lastWriteNanos < idleNanos) {
            return;
        }
        synchronized (this) {
            if (closed || !subscription.idle()) {
                return;
            }
            progressDue = true;
        }
        wake();
    }

    @Override
    public void onWritePossible() {
        drain();
    }

    private synchronized void drain() {
        if (closed) {
            return;
        }
        try {
            while (out.isReady()) {
                byte[] frame = next();
                if (frame == null) {
                    if (!flushNeeded) {
                        return;
                    }
                    flushNeeded = false;
                    out.flush();
                    continue;
                }
                out.write(frame);
                flushNeeded = true;
                lastWriteNanos = System.nanoTime();
            }
        } catch (IOException | IllegalStateException e) {
            log.debug("Watch stream closed while writing: {}", e.toString());
            close();
        }
    }

    private byte[] next() {
        Pending pending = subscription.take();
        if (pending != null) {
            greeted = true;
            progressDue = false;
            String type = pending.isReset() ? EventRenderer.SNAPSHOT : EventRenderer.CHANGE;
            byte[] json = renderer.json(pending, subscription.filter());
            metrics.sent(type);
            consumers.delivered(consumerId, pending.revision());
            return renderer.sse(type, pending.revision(), json);
        }
        if (progressDue || !greeted) {
            // a stream that starts current is told so at once, then on every idle heartbeat
            greeted = true;
            progressDue = false;
            if (!subscription.idle()) {
                return null;
            }
            metrics.sent(EventRenderer.PROGRESS);
            consumers.delivered(consumerId, subscription.head());
            return renderer.progress(subscription.head());
        }
        return null;
    }

    /** Ends the stream (the client left, a write failed, the node stops); idempotent. */
    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            async.complete();
        } catch (RuntimeException e) {
            log.debug("Completing a watch stream failed: {}", e.toString());
        }
        onClose.run();
    }

    @Override
    public void onError(Throwable t) {
        close();
    }

    @Override
    public void onComplete(AsyncEvent event) {
        close();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        close();
    }

    @Override
    public void onError(AsyncEvent event) {
        close();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {}
}
