package io.toolcatalog.api.watch;

import java.io.IOException;
import java.io.OutputStream;

/**
 * How far one sender is through one event: its framing around the shared {@link EventBody}, written
 * a slice at a time, so the container never holds more than a slice of it for a reader that stalls.
 */
final class FrameCursor {

    private final EventBody body;
    private final byte[] head;
    private final byte[] tail;
    /** Whether the frame is the SSE one, which the body also holds whole ({@link EventBody#sseFrame}). */
    private final boolean sse;
    /** -1 the head, 0 .. segments-1 the body, segments the tail, past it done. */
    private volatile int segment = -1;

    private int offset;

    private FrameCursor(EventBody body, byte[] head, byte[] tail, boolean sse) {
        this.body = body;
        this.head = head;
        this.tail = tail;
        this.sse = sse;
    }

    static FrameCursor sse(EventBody body) {
        return new FrameCursor(body, body.sseHead(), EventBody.sseTail(), true);
    }

    static FrameCursor typed(EventBody body) {
        return new FrameCursor(body, body.typedHead(), new byte[0], false);
    }

    /** Bytes already framed (a {@code progress} event), typed as the body says. */
    static FrameCursor raw(EventBody body) {
        return new FrameCursor(body, new byte[0], new byte[0], false);
    }

    EventBody body() {
        return body;
    }

    boolean done() {
        return segment > body.segments();
    }

    /**
     * Writes at most {@code max} bytes with a single {@code write} (a non-blocking stream may take
     * only one before it must be asked again whether it is ready); returns how many.
     */
    int writeTo(OutputStream out, int max) throws IOException {
        if (sse && segment < 0 && offset == 0 && body.sseFrameSize() <= max) {
            // a small event whole, from the one array every stream shares: one write, one chunk
            long size = body.sseFrameSize();
            if (out instanceof StreamOutput stream) {
                stream.writeFrame(body);
            } else {
                out.write(body.sseFrame());
            }
            segment = body.segments() + 1;
            return (int) size;
        }
        while (!done()) {
            byte[] current = current();
            int n = Math.min(max, current.length - offset);
            if (n > 0) {
                out.write(current, offset, n);
                offset += n;
            }
            if (offset == current.length) {
                offset = 0;
                segment = segment + 1;
            }
            if (n > 0) {
                return n;
            }
        }
        return 0;
    }

    /** Writes what is left, a slice at a time (blocking writers: the long poll). */
    void writeAll(OutputStream out, int slice) throws IOException {
        while (!done()) {
            writeTo(out, slice);
        }
    }

    /** The bytes of {@code name}'s JSON this cursor has yet to write (0: written, or not carried). */
    long unsentBytesOf(String name) {
        int at = body.segmentOf(name);
        return at < 0 || at < segment ? 0 : body.segment(at).length;
    }

    private byte[] current() {
        int at = segment;
        if (at < 0) {
            return head;
        }
        return at < body.segments() ? body.segment(at) : tail;
    }
}
