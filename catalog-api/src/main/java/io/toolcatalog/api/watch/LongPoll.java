package io.toolcatalog.api.watch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * One long poll: answers with the first event past its start point, as typed JSON, or 204 when its
 * wait runs out. It holds no thread while it waits ({@link DeferredResult}). Its answer is one copy
 * of the shared event handed to the container whole (the randomized checker saw a streamed answer
 * left half sent), so a poll holds at most one copy of one event until its client has read it.
 */
final class LongPoll {

    private static final int SLICE = 32 * 1024;

    private final DeferredResult<ResponseEntity<byte[]>> result;
    private final WatchConnection connection;
    private final Subscription subscription;
    private final AtomicBoolean answered = new AtomicBoolean();
    private final Long since;

    /** {@code since} the caller's start point (null: it gets a snapshot first). */
    LongPoll(long waitMillis, Long since, WatchConnection connection, Set<String> filter, Runnable onEnd) {
        this.result = new DeferredResult<>(waitMillis);
        this.since = since;
        this.connection = connection;
        this.subscription = new Subscription(filter, this::wake);
        result.onTimeout(() -> answer(ResponseEntity.noContent().build()));
        result.onCompletion(onEnd);
        result.onError(e ->
                answer(ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build()));
    }

    DeferredResult<ResponseEntity<byte[]>> result() {
        return result;
    }

    Subscription subscription() {
        return subscription;
    }

    /** The node stops: answer now with what there is (nothing: 204), so the client moves on. */
    void end() {
        answer(ResponseEntity.noContent().build());
    }

    /**
     * Sends the held event, if there is one. Steps wake the poll as they come; this covers the event
     * it already holds when it opens (no start point, or a change applied here before the poll came).
     */
    void wake() {
        if (answered.get()) {
            return;
        }
        try {
            connection.sender().execute(this::send);
        } catch (RuntimeException e) {
            end();
        }
    }

    private void send() {
        Subscription.Ready ready = subscription.take();
        if (ready == null) {
            return;
        }
        if (since != null && !ready.step().reset() && ready.step().from() != since) {
            // a change must start where the caller stands; should one not, the whole catalog is
            // the answer that is certainly right (the randomized checker once saw a gap here)
            ready = new Subscription.Ready(WatchStep.resetAt(ready.step().to()), ready.snapshot());
        }
        EventBody body = connection.render(ready, subscription.filter());
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        try {
            FrameCursor.typed(body).writeAll(json, SLICE);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not thrown by an in-memory stream
        }
        if (answer(ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json.toByteArray()))) {
            connection.delivered(body.type(), body.revision());
        }
    }

    private boolean answer(ResponseEntity<byte[]> response) {
        return answered.compareAndSet(false, true) && result.setResult(response);
    }
}
