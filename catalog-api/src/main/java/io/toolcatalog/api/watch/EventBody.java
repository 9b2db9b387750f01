package io.toolcatalog.api.watch;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One event's JSON, rendered once and shared by every stream and long poll that sends it, as
 * pieces that are never copied into one body: a {@code prefix}, the tools' JSON (the very arrays
 * {@code RenderedTools} holds for the snapshot, in name order, comma-separated), a {@code suffix}.
 * The JSON's opening brace is left to the framing ({@link #segment}), so an SSE frame and the long
 * poll's typed body share the same pieces.
 */
final class EventBody {

    private static final byte[] COMMA = {','};
    private static final byte[] NONE = {};
    private static final byte[] SSE_TAIL = {'\n', '\n'};

    private final String type;
    private final long revision;
    private final String view;
    private final byte[] prefix;
    private final String[] names;
    private final byte[][] tools;
    private final byte[] suffix;
    private final long size;
    /** Made on first use and then shared by every stream that sends this event (races only redo it). */
    private volatile byte[] sseHead;

    private volatile byte[] sseFrame;

    private volatile ByteBuf httpChunk;

    EventBody(String type, long revision, String view, byte[] prefix, String[] names, byte[][] tools, byte[] suffix) {
        this.type = type;
        this.revision = revision;
        this.view = view;
        this.prefix = prefix;
        this.names = names;
        this.tools = tools;
        this.suffix = suffix;
        long total = prefix.length + suffix.length + Math.max(0, tools.length - 1);
        for (byte[] tool : tools) {
            total += tool.length;
        }
        this.size = total;
    }

    String type() {
        return type;
    }

    long revision() {
        return revision;
    }

    /** The view the event shows ({@code stable}, {@code rollout=3}); null for a progress event. */
    String view() {
        return view;
    }

    /** The JSON's bytes without the framing. */
    long size() {
        return size;
    }

    /** How many segments {@link #segment} has between a frame's head and tail. */
    int segments() {
        return 2 + 2 * tools.length;
    }

    /** Segment {@code i}: the prefix, then per tool a separator and its JSON, then the suffix. */
    byte[] segment(int i) {
        if (i == 0) {
            return prefix;
        }
        if (i == segments() - 1) {
            return suffix;
        }
        int tool = (i - 1) / 2;
        if ((i - 1) % 2 == 0) {
            return tool == 0 ? NONE : COMMA;
        }
        return tools[tool];
    }

    /** The segment holding {@code name}'s JSON, or -1 when this event does not carry it. */
    int segmentOf(String name) {
        int at = Arrays.binarySearch(names, name);
        return at < 0 ? -1 : 2 + 2 * at;
    }

    /**
     * The Server-Sent Events framing before the body: event type, id and the data's opening brace.
     * Rendered once per event; callers never change it.
     */
    byte[] sseHead() {
        byte[] head = sseHead;
        if (head == null) {
            head = ("event: " + type + "\nid: " + revision + "\ndata: {").getBytes(StandardCharsets.US_ASCII);
            sseHead = head;
        }
        return head;
    }

    static byte[] sseTail() {
        return SSE_TAIL;
    }

    /** The size of the whole SSE frame: head, body and tail. */
    long sseFrameSize() {
        return sseHead().length + size + SSE_TAIL.length;
    }

    /**
     * The whole SSE frame in one array, so that a small event goes to a socket as one write. Made once
     * on first use and shared by every stream that sends it; only asked for frames of at most a slice.
     */
    byte[] sseFrame() {
        byte[] frame = sseFrame;
        if (frame == null) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) sseFrameSize());
            out.writeBytes(sseHead());
            for (int i = 0; i < segments(); i++) {
                out.writeBytes(segment(i));
            }
            out.writeBytes(SSE_TAIL);
            frame = out.toByteArray();
            sseFrame = frame;
        }
        return frame;
    }

    /**
     * {@link #sseFrame} as one HTTP/1.1 chunk (size line, frame, line break) in memory a socket writes
     * from directly: the watch port hands every stream a duplicate of it, never a copy, and nothing
     * releases it (the collector frees it with the event).
     */
    ByteBuf httpChunk() {
        ByteBuf chunk = httpChunk;
        if (chunk == null) {
            byte[] frame = sseFrame();
            byte[] size = (Integer.toHexString(frame.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            ByteBuffer direct = ByteBuffer.allocateDirect(size.length + frame.length + 2);
            direct.put(size).put(frame).put((byte) '\r').put((byte) '\n').flip();
            chunk = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct));
            httpChunk = chunk;
        }
        return chunk;
    }

    /** The long poll's framing: the event's JSON with its {@code type} first. */
    byte[] typedHead() {
        return ("{\"type\":\"" + type + "\",").getBytes(StandardCharsets.US_ASCII);
    }
}
