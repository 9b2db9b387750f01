package io.toolcatalog.api.watch;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where an {@link SseStream} writes: a non-blocking response body, the servlet container's
 * ({@link ServletStreamOutput}) or the watch port's ({@link NettyStreamOutput}). {@link #isReady()}
 * says whether it takes more now; once it said no, it tells the stream when it does again.
 */
abstract class StreamOutput extends OutputStream {

    /** Whether a write may be made now without holding more than a slice for a slow reader. */
    abstract boolean isReady();

    /** Writes {@code body}'s whole SSE frame ({@link EventBody#sseFrame}), a small event's, in one write. */
    void writeFrame(EventBody body) throws IOException {
        byte[] frame = body.sseFrame();
        write(frame, 0, frame.length);
    }

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
