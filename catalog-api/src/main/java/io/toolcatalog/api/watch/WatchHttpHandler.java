package io.toolcatalog.api.watch;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import io.toolcatalog.api.error.ApiProblem;
import io.toolcatalog.api.security.Caller;
import io.toolcatalog.api.web.RevisionHeaders;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of the watch port: serves {@code GET /api/v1/watch} as the servlet side does —
 * the same token check, admission, events and long poll — through {@link WatchSessions}. While a
 * stream is open its only state here is the stream; between requests, none.
 */
final class WatchHttpHandler extends ChannelInboundHandlerAdapter {

    static final String PATH = "/api/v1/watch";

    private static final Logger log = LoggerFactory.getLogger(WatchHttpHandler.class);

    private final WatchPort port;
    private final WatchPort.Services services;
    private SseStream stream;
    private NettyStreamOutput output;
    private NettyPoll poll;

    WatchHttpHandler(WatchPort port) {
        this.port = port;
        this.services = port.services();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        try {
            if (message instanceof HttpRequest request && stream == null && poll == null) {
                serve(ctx, request);
            }
        } finally {
            ReferenceCountUtil.release(message); // bodies and pipelined requests are ignored
        }
    }

    private void serve(ChannelHandlerContext ctx, HttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (request.decoderResult().isFailure()) {
            services.responses()
                    .send(ctx.channel(), ApiProblem.badRequest("request", "is not a valid HTTP request"), false);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        if (!PATH.equals(uri.path())) {
            services.responses()
                    .send(ctx.channel(), HttpResponseStatus.NOT_FOUND, "No endpoint " + uri.path(), keepAlive);
            return;
        }
        if (!HttpMethod.GET.equals(request.method())) {
            services.responses().send(ctx.channel(), HttpResponseStatus.METHOD_NOT_ALLOWED, "Only GET", keepAlive);
            return;
        }
        HttpHeaders headers = request.headers();
        try {
            Caller caller = services.tokens().reader(headers.get(HttpHeaderNames.AUTHORIZATION));
            String owner = caller.isAnonymous() ? null : caller.principal();
            WatchRequest watch = WatchRequest.of(
                    first(uri, "since"),
                    headers.get(WatchRequest.LAST_EVENT_ID),
                    uri.parameters().get("tool"),
                    headers.get(WatchRequest.CONSUMER_HEADER),
                    headers.get(WatchRequest.LABELS_HEADER),
                    owner,
                    first(uri, "wait"),
                    services.namePattern(),
                    services.settings());
            services.sessions().admit(watch);
            if (WatchRequest.wantsLongPoll(headers.get(HttpHeaderNames.ACCEPT))) {
                poll = new NettyPoll(ctx.channel(), keepAlive, port, () -> poll = null);
                poll.open(watch, owner);
            } else {
                stream(ctx, watch, owner);
            }
        } catch (ApiProblem problem) {
            services.responses().send(ctx.channel(), problem, keepAlive);
        } catch (RuntimeException e) {
            log.warn("The watch port could not serve a request: {}", e.toString());
            services.responses()
                    .send(ctx.channel(), ApiProblem.serviceUnavailable("Cannot serve the watch now", 1), false);
        }
    }

    private void stream(ChannelHandlerContext ctx, WatchRequest watch, String owner) {
        DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream;charset=UTF-8")
                .set(HttpHeaderNames.CACHE_CONTROL, "no-cache, no-store")
                .set("X-Accel-Buffering", "no")
                .set(RevisionHeaders.REVISION, services.responses().revision());
        HttpUtil.setTransferEncodingChunked(head, true);
        ctx.write(head, ctx.voidPromise());
        output = new NettyStreamOutput(
                ctx.channel(), services.settings().writeTimeout().toNanos());
        stream = services.sessions().stream(watch, owner, output, ctx.channel().eventLoop(), SseStream::wake);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (stream != null && ctx.channel().isWritable()) {
            output.writable();
            stream.wake();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (stream != null) {
            stream.close();
        }
        if (poll != null) {
            poll.closed();
        }
        ctx.fireChannelInactive();
    }

    /**
     * A reset connection or a failed write: the caller left; never an ERROR it could repeat. Writes
     * still queued when a stream closed fail as closed-channel errors: nothing more to say of them.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ClosedChannelException) {
            return;
        }
        log.debug("Watch port connection failed: {}", cause.toString());
        if (stream != null) {
            stream.endedByTransport(cause);
        }
        ctx.close();
    }

    private static String first(QueryStringDecoder uri, String name) {
        List<String> values = uri.parameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
