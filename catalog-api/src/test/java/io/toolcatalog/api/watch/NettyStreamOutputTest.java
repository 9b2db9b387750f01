package io.toolcatalog.api.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.toolcatalog.api.tool.RenderedTools;
import io.toolcatalog.core.reload.CatalogSnapshot;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NettyStreamOutputTest {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
    private final EventRenderer renderer = new EventRenderer(mapper, new RenderedTools(mapper), new FrameCache(4));

    @Test
    void writesASmallEventAsOneSharedChunkOfAValidChunkedResponse() throws Exception {
        EventBody first = renderer.snapshot(CatalogSnapshot.of(9, List.of(SubscriptionTest.tool("grep", 3, 9))), null);
        EventBody second =
                renderer.snapshot(CatalogSnapshot.of(10, List.of(SubscriptionTest.tool("grep", 4, 10))), null);
        EmbeddedChannel channel = streamChannel();
        NettyStreamOutput out = new NettyStreamOutput(channel, 1_000_000_000L);
        List<ByteBuf> written = outbound(channel); // the response head

        FrameCursor cursor = FrameCursor.sse(first);
        assertThat(cursor.writeTo(out, 32 * 1024)).isEqualTo(first.sseFrame().length);
        assertThat(cursor.done()).isTrue();
        out.flush();
        List<ByteBuf> event = outbound(channel);
        assertThat(event).hasSize(1); // the event's one chunk, not its pieces
        written.addAll(event);
        assertThat(first.httpChunk()).isSameAs(first.httpChunk());

        FrameCursor.sse(second).writeTo(out, 32 * 1024);
        out.complete();
        written.addAll(outbound(channel));

        EmbeddedChannel client = new EmbeddedChannel(new HttpResponseDecoder(), new HttpObjectAggregator(1 << 20));
        for (ByteBuf bytes : written) {
            client.writeInbound(bytes.retainedDuplicate());
        }
        FullHttpResponse response = client.readInbound();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(first.sseFrame());
        expected.write(second.sseFrame());
        assertThat(response.content().toString(StandardCharsets.UTF_8))
                .isEqualTo(expected.toString(StandardCharsets.UTF_8))
                .startsWith("event: snapshot\nid: 9\ndata: {");
        response.release();
    }

    /** A channel of the watch port whose chunked response head went out. */
    private static EmbeddedChannel streamChannel() {
        EmbeddedChannel channel = new EmbeddedChannel(new HttpServerCodec(), new ChannelInboundHandlerAdapter());
        DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        HttpUtil.setTransferEncodingChunked(head, true);
        channel.writeAndFlush(head);
        return channel;
    }

    private static List<ByteBuf> outbound(EmbeddedChannel channel) {
        List<ByteBuf> written = new ArrayList<>();
        for (Object message = channel.readOutbound(); message != null; message = channel.readOutbound()) {
            written.add((ByteBuf) message);
        }
        return written;
    }
}
