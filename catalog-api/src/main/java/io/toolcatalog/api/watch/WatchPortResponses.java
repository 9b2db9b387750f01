package io.toolcatalog.api.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.toolcatalog.api.error.ApiProblem;
import io.toolcatalog.api.web.RevisionHeaders;
import io.toolcatalog.core.reload.AppliedCatalog;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whole responses of the watch port: a long poll's answer, and errors as {@code
 * application/problem+json} in the shape the servlet side writes ({@code type}, {@code title},
 * {@code status}, {@code detail}, {@code instance}, and {@code field} for a 400), each with
 * {@code X-Catalog-Revision}.
 */
final class WatchPortResponses {

    private static final String PROBLEM_JSON = "application/problem+json";

    private final ObjectMapper mapper;
    private final AppliedCatalog catalog;

    WatchPortResponses(ObjectMapper mapper, AppliedCatalog catalog) {
        this.mapper = mapper;
        this.catalog = catalog;
    }

    /** The node's applied revision, which a response that took no snapshot speaks for. */
    String revision() {
        return String.valueOf(catalog.applied());
    }

    void send(Channel channel, ApiProblem problem, boolean keepAlive) {
        HttpResponseStatus status = HttpResponseStatus.valueOf(problem.status().value());
        FullHttpResponse response = problem(status, problem.getMessage(), problem.field());
        problem.headers().forEach((name, values) -> response.headers().set(name, values));
        send(channel, response, keepAlive, () -> {});
    }

    void send(Channel channel, HttpResponseStatus status, String detail, boolean keepAlive) {
        send(channel, problem(status, detail, null), keepAlive, () -> {});
    }

    /** A response with {@code body} (null: none) of {@code contentType}. */
    FullHttpResponse response(HttpResponseStatus status, byte[] body, String contentType) {
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, status, body == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        if (body != null) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        response.headers().set(RevisionHeaders.REVISION, revision());
        HttpUtil.setContentLength(response, body == null ? 0 : body.length);
        return response;
    }

    /** Writes {@code response}, then runs {@code written} (sent or not) and closes unless kept alive. */
    void send(Channel channel, FullHttpResponse response, boolean keepAlive, Runnable written) {
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        channel.writeAndFlush(response).addListener((ChannelFutureListener) future -> {
            written.run();
            if (!keepAlive || !future.isSuccess()) {
                future.channel().close();
            }
        });
    }

    private FullHttpResponse problem(HttpResponseStatus status, String detail, String field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.reasonPhrase());
        body.put("status", status.code());
        body.put("detail", detail);
        body.put("instance", WatchHttpHandler.PATH);
        if (field != null) {
            body.put("field", field);
        }
        try {
            return response(status, mapper.writeValueAsBytes(body), PROBLEM_JSON);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem's fields are plain strings and numbers", e);
        }
    }
}
