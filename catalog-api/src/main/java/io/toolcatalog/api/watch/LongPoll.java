package io.toolcatalog.api.watch;

import io.toolcatalog.core.cohort.ConsumerIdentity;
import io.toolcatalog.core.reload.AppliedChange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One long poll: answers with the first event past its start point, as typed JSON, or 204 when its
 * wait runs out. It holds no thread while it waits; the transport (Spring MVC's deferred result, or
 * the watch port) times the wait and sends the {@link PollReply}. Its answer is one copy of the shared
 * event handed to the transport whole (the randomized checker saw a streamed answer left half
 * sent), so a poll holds at most one copy of one event until its client has read it.
 */
final class LongPoll {

    /** Sends the poll's one answer: 200 with {@code json}, or 204 / 503 without a body; true when sent. */
    interface PollReply {
        boolean send(int status, byte[] json);
    }

    static final int OK = 200;
    static final int NO_CONTENT = 204;
    static final int UNAVAILABLE = 503;

    private static final int SLICE = 32 * 1024;

    private final WatchConnection connection;
    private final Subscription subscription;
    private final AtomicBoolean answered = new AtomicBoolean();
    private final Long since;
    private final PollReply reply;

    /** {@code since} the caller's start point (null: it gets a snapshot first); answered in {@code consumer}'s view. */
    LongPoll(Long since, WatchConnection connection, Set<String> filter, ConsumerIdentity consumer, PollReply reply) {
        this.since = since;
        this.connection = connection;
        this.reply = reply;
        this.subscription = new Subscription(filter, consumer, this::wake, names -> {});
    }

    Subscription subscription() {
        return subscription;
    }

    /** The wait ran out, or the node stops: answer now with what there is (nothing: 204), so the client moves on. */
    void end() {
        answer(NO_CONTENT, null);
    }

    /** The transport failed the request: 503, if it can still be sent. */
    void fail() {
        answer(UNAVAILABLE, null);
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
            ready = new Subscription.Ready(AppliedChange.resetAt(ready.step().to()), ready.snapshot());
        }
        EventBody body = connection.render(ready, subscription.filter());
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        try {
            FrameCursor.typed(body).writeAll(json, SLICE);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not thrown by an in-memory stream
        }
        if (answer(OK, json.toByteArray())) {
            connection.delivered(body);
        }
    }

    private boolean answer(int status, byte[] json) {
        return answered.compareAndSet(false, true) && reply.send(status, json);
    }
}
