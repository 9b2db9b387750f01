package io.toolcatalog.api.watch;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.toolcatalog.api.error.ApiProblem;
import io.toolcatalog.api.openapi.ApiTags;
import io.toolcatalog.api.security.Caller;
import io.toolcatalog.core.reload.AppliedCatalog;
import io.toolcatalog.core.tool.CatalogLimits;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * {@code GET /api/v1/watch}: Server-Sent Events by default, a JSON long poll when the caller
 * accepts JSON and not an event stream. A start point below this node's revision is served from
 * the node's recent transitions, else from the change log's names, else with a snapshot; one above
 * the database's revision was never committed (409).
 */
@RestController
@Tag(name = ApiTags.WATCH)
class WatchController {

    private final AppliedCatalog catalog;
    private final ChangeLogReads database;
    private final TransitionLog transitions;
    private final WatchStreams streams;
    private final ConsumerTracker consumers;
    private final EventRenderer renderer;
    private final ExecutorService sender;
    private final WatchMetrics metrics;
    private final WatchProperties settings;
    private final CatalogLimits limits;

    WatchController(
            AppliedCatalog catalog,
            ChangeLogReads database,
            TransitionLog transitions,
            WatchStreams streams,
            ConsumerTracker consumers,
            EventRenderer renderer,
            ExecutorService watchSender,
            WatchMetrics metrics,
            WatchProperties settings,
            CatalogLimits limits) {
        this.catalog = catalog;
        this.database = database;
        this.transitions = transitions;
        this.streams = streams;
        this.consumers = consumers;
        this.renderer = renderer;
        this.sender = watchSender;
        this.metrics = metrics;
        this.settings = settings;
        this.limits = limits;
    }

    @GetMapping("/api/v1/watch")
    @Operation(
            summary = "Watch the catalog's changes",
            description = "Server-Sent Events: without since (or Last-Event-ID) a snapshot event first, then a change"
                    + " event for every revision this node applies (each from_revision is the previous event's"
                    + " revision; id is the revision), and a progress event while idle. tool filters the content."
                    + " With Accept: application/json and since: a long poll answering the next event, or 204 after"
                    + " wait. X-Catalog-Consumer names the caller in /cluster/consumers.")
    @ApiResponse(
            responseCode = "200",
            description = "The event stream, or on a long poll the next event as JSON",
            content = {@Content(mediaType = "text/event-stream"), @Content(mediaType = "application/json")})
    @ApiResponse(responseCode = "204", description = "Long poll: nothing happened within wait")
    @ApiResponse(responseCode = "409", description = "since is above any revision the database committed")
    DeferredResult<ResponseEntity<byte[]>> watch(
            @RequestParam(name = "since", required = false) String since,
            @RequestParam(name = "tool", required = false) List<String> tools,
            @RequestParam(name = "wait", required = false) String wait,
            @RequestHeader(name = WatchRequest.LAST_EVENT_ID, required = false) String lastEventId,
            @RequestHeader(name = WatchRequest.CONSUMER_HEADER, required = false) String consumerId,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
            Caller caller,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        WatchRequest watch =
                WatchRequest.of(since, lastEventId, tools, consumerId, wait, limits.namePattern(), settings);
        checkStartPoint(watch.since());
        if (!streams.admit()) {
            throw ApiProblem.serviceUnavailable(
                    "This node has as many watch connections as it allows; retry or use another node",
                    Math.max(1, settings.retryAfter().toSeconds()));
        }
        String owner = caller.isAnonymous() ? null : caller.principal();
        if (wantsLongPoll(accept)) {
            return poll(watch, owner);
        }
        stream(watch, owner, request, response);
        return null;
    }

    private DeferredResult<ResponseEntity<byte[]>> poll(WatchRequest watch, String owner) {
        String consumer = consumers.connected(watch.consumerId(), owner, watch.since() == null ? 0 : watch.since());
        LongPoll[] self = new LongPoll[1];
        Runnable ended = () -> {
            transitions.close(self[0].subscription());
            streams.answered(self[0]);
            streams.release();
            consumers.disconnected(consumer);
        };
        LongPoll poll =
                new LongPoll(watch.pollWait().toMillis(), watch.since(), connection(consumer), watch.tools(), ended);
        self[0] = poll;
        streams.waiting(poll);
        try {
            open(poll.subscription(), watch.since());
            poll.wake();
        } catch (RuntimeException e) {
            ended.run(); // the result never reaches Spring, so its completion will not run
            throw e;
        }
        return poll.result();
    }

    private void stream(WatchRequest watch, String owner, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        AsyncContext async;
        ServletOutputStream out;
        try {
            async = request.startAsync(request, response);
            async.setTimeout(0); // a stream lives until either side ends it; heartbeats find dead peers
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("text/event-stream");
            response.setCharacterEncoding("UTF-8");
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache, no-store");
            response.setHeader("X-Accel-Buffering", "no"); // nginx: pass events through at once
            out = response.getOutputStream();
        } catch (RuntimeException | IOException e) {
            streams.release();
            throw e;
        }
        String consumer = consumers.connected(watch.consumerId(), owner, watch.since() == null ? 0 : watch.since());
        SseStream[] self = new SseStream[1];
        long maxBuffered = settings.maxBufferedBytes().toBytes();
        SseStream stream = new SseStream(async, out, connection(consumer), watch.tools(), maxBuffered, () -> {
            transitions.close(self[0].subscription());
            streams.closed(self[0]);
            streams.release();
            consumers.disconnected(consumer);
        });
        self[0] = stream;
        streams.opened(stream);
        try {
            async.addListener(stream);
            TransitionLog.Start start = transitions.open(stream.subscription(), watch.since());
            out.setWriteListener(stream);
            if (start == TransitionLog.Start.NEEDS_CHANGE_LOG) {
                database.resolve(stream.subscription(), watch.since());
            }
        } catch (RuntimeException e) {
            stream.close(); // frees the slot and forgets the subscription
            throw e;
        }
    }

    private void open(Subscription subscription, Long since) {
        if (transitions.open(subscription, since) == TransitionLog.Start.NEEDS_CHANGE_LOG) {
            database.resolve(subscription, since);
        }
    }

    private WatchConnection connection(String consumer) {
        return new WatchConnection(renderer, sender, metrics, consumers, consumer);
    }

    /** 503 before the first snapshot; 409 for a start point the database never reached. */
    private void checkStartPoint(Long since) {
        if (!catalog.isLoaded()) {
            throw ApiProblem.serviceUnavailable("The node has not loaded the catalog yet", 1);
        }
        if (since == null || since <= transitions.current().revision()) {
            return;
        }
        boolean committed;
        try {
            committed = database.committed(since);
        } catch (RuntimeException e) {
            throw ApiProblem.serviceUnavailable("Cannot check revision " + since + " against the database now", 1);
        }
        if (!committed) {
            throw ApiProblem.conflict("Revision " + since + " was never committed: the catalog is at revision "
                    + database.highestCommitted());
        }
    }

    private static boolean wantsLongPoll(String accept) {
        return accept != null && accept.contains("application/json") && !accept.contains("text/event-stream");
    }
}
