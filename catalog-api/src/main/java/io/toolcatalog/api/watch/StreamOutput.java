package io.toolcatalog.api.watch;

import java.io.OutputStream;

/**
 * Where an {@link SseStream} writes: a non-blocking response body, the servlet container's
 * ({@link ServletStreamOutput}) or the watch port's ({@link NettyStreamOutput}). {@link #isReady()}
 * says whether it takes more now; once it said no, it tells the stream when it does again.
 */
abstract class StreamOutput extends OutputStream {

    /** Whether a write may be made now without holding more than a slice for a slow reader. */
    abstract boolean isReady();

    /** Ends the response; called once, when the stream closes. */
    abstract void complete();

    /** Whether the reader has taken nothing for longer than the output allows (default: the container decides). */
    boolean stalled(long nowNanos) {
        return false;
    }

    @Override
    public void write(int b) {
        throw new UnsupportedOperationException("events are written as byte ranges");
    }
}
