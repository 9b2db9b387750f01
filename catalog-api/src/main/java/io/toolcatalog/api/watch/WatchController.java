package io.toolcatalog.api.watch;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.toolcatalog.api.openapi.ApiTags;
import io.toolcatalog.api.security.Caller;
import io.toolcatalog.core.tool.CatalogLimits;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
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

    private final WatchSessions sessions;
    private final ExecutorService sender;
    private final WatchProperties settings;
    private final CatalogLimits limits;

    WatchController(
            WatchSessions sessions, ExecutorService watchSender, WatchProperties settings, CatalogLimits limits) {
        this.sessions = sessions;
        this.sender = watchSender;
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
                    + " wait. X-Catalog-Consumer names the caller in /cluster/consumers; it and"
                    + " X-Catalog-Consumer-Labels (or the token's principal) choose the caller's view of a rollout.")
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
            @RequestHeader(name = WatchRequest.LABELS_HEADER, required = false) String labels,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
            Caller caller,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        String owner = caller.isAnonymous() ? null : caller.principal();
        WatchRequest watch = WatchRequest.of(
                since, lastEventId, tools, consumerId, labels, owner, wait, limits.namePattern(), settings);
        sessions.admit(watch);
        if (WatchRequest.wantsLongPoll(accept)) {
            return poll(watch, owner);
        }
        stream(watch, owner, request, response);
        return null;
    }

    private DeferredResult<ResponseEntity<byte[]>> poll(WatchRequest watch, String owner) {
        DeferredResult<ResponseEntity<byte[]>> result =
                new DeferredResult<>(watch.pollWait().toMillis());
        WatchSessions.OpenPoll open =
                sessions.poll(watch, owner, sender, (status, json) -> result.setResult(entity(status, json)));
        result.onTimeout(open.poll()::end);
        result.onCompletion(open.ended());
        result.onError(e -> open.poll().fail());
        return result;
    }

    private static ResponseEntity<byte[]> entity(int status, byte[] json) {
        if (json == null) {
            return ResponseEntity.status(status).build();
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(json);
    }

    private void stream(WatchRequest watch, String owner, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        ServletStreamOutput out;
        try {
            AsyncContext async = request.startAsync(request, response);
            async.setTimeout(0); // a stream lives until either side ends it; heartbeats find dead peers
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("text/event-stream");
            response.setCharacterEncoding("UTF-8");
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache, no-store");
            response.setHeader("X-Accel-Buffering", "no"); // nginx: pass events through at once
            out = new ServletStreamOutput(async, response.getOutputStream());
        } catch (RuntimeException | IOException e) {
            sessions.release();
            throw e;
        }
        sessions.stream(watch, owner, out, sender, out::attach);
    }
}
