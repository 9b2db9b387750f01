package io.toolcatalog.api.watch;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;

/**
 * An event stream's output on the watch port: each slice goes to the channel as a chunk that wraps
 * the shared event's bytes (never a copy). The channel's high-water mark is one slice, so a reader
 * that stops reading leaves at most a slice queued beyond what its socket took; a channel that
 * stays over the mark for the write timeout is {@link #stalled}.
 */
final class NettyStreamOutput extends StreamOutput {

    private final Channel channel;
    /** The HTTP codec's context: a write from it skips the codec, for chunks already encoded. */
    private final ChannelHandlerContext codec;

    private final long writeTimeoutNanos;
    /** When the channel went over its high-water mark; 0 while it takes writes. */
    private volatile long blockedSince;

    NettyStreamOutput(Channel channel, long writeTimeoutNanos) {
        this.channel = channel;
        this.codec = channel.pipeline().context(HttpServerCodec.class);
        this.writeTimeoutNanos = writeTimeoutNanos;
    }

    /** Writable, else flushed (what is queued may go to the socket now) and asked again. */
    @Override
    boolean isReady() {
        if (channel.isWritable()) {
            return true;
        }
        channel.flush();
        if (channel.isWritable()) {
            return true;
        }
        if (blockedSince == 0) {
            blockedSince = System.nanoTime();
        }
        return false;
    }

    /** The channel went under its low-water mark again. */
    void writable() {
        blockedSince = 0;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (!channel.isActive()) {
            throw new IOException("the watch connection is closed");
        }
        channel.write(new DefaultHttpContent(Unpooled.wrappedBuffer(bytes, offset, length)), channel.voidPromise());
    }

    /**
     * The event's frame as one chunk, encoded once for every stream ({@link EventBody#httpChunk}):
     * written past the HTTP codec, which would only frame it again.
     */
    @Override
    void writeFrame(EventBody body) throws IOException {
        if (codec == null) {
            super.writeFrame(body);
            return;
        }
        if (!channel.isActive()) {
            throw new IOException("the watch connection is closed");
        }
        codec.write(body.httpChunk().duplicate(), channel.voidPromise());
    }

    @Override
    public void flush() {
        channel.flush();
    }

    /** The last chunk then close; a channel that takes no more is closed at once. */
    @Override
    void complete() {
        if (channel.isActive() && channel.isWritable()) {
            channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }

    @Override
    boolean stalled(long nowNanos) {
        long since = blockedSince;
        return since != 0 && nowNanos - since > writeTimeoutNanos && !channel.isWritable();
    }
}
