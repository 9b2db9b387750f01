package io.toolcatalog.api.watch;

import io.toolcatalog.api.error.ApiProblem;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * What a watch request does whatever serves it (Spring MVC, or the watch port): checks its start
 * point, takes one of the node's connection slots, registers the consumer, and opens a stream or
 * a long poll on the node's transitions. Each stream and poll gives back all of it when it ends.
 */
final class WatchSessions {

    /** An open long poll and what to run, once, when its answer is sent or its request failed. */
    record OpenPoll(LongPoll poll, Runnable ended) {}

    private final StartPoints starts;
    private final WatchStreams streams;
    private final WatchConnections connections;
    private final WatchProperties settings;

    WatchSessions(StartPoints starts, WatchStreams streams, WatchConnections connections, WatchProperties settings) {
        this.starts = starts;
        this.streams = streams;
        this.connections = connections;
        this.settings = settings;
    }

    /**
     * 503 before the first snapshot; 409 for a start point the database never reached; 503 with
     * {@code Retry-After} past {@code max-connections}. Otherwise the caller holds a slot, which the
     * stream or poll it opens next gives back (or {@link #release()} when it opens none).
     */
    void admit(WatchRequest watch) {
        starts.check(watch.since());
        if (!streams.admit()) {
            throw ApiProblem.serviceUnavailable(
                    "This node has as many watch connections as it allows; retry or use another node",
                    Math.max(1, settings.retryAfter().toSeconds()));
        }
    }

    void release() {
        streams.release();
    }

    /**
     * Opens an event stream writing to {@code out}, its writes run by {@code sender}; {@code attach}
     * connects the transport's callbacks to it before it may write.
     */
    SseStream stream(WatchRequest watch, String owner, StreamOutput out, Executor sender, Consumer<SseStream> attach) {
        WatchConnection connection = connections.open(watch, owner, sender);
        SseStream[] self = new SseStream[1];
        long maxBuffered = settings.maxBufferedBytes().toBytes();
        SseStream stream = new SseStream(out, connection, watch.tools(), watch.consumer(), maxBuffered, () -> {
            starts.close(self[0].subscription());
            streams.closed(self[0]);
            streams.release();
            connections.ended(connection);
        });
        self[0] = stream;
        streams.opened(stream);
        try {
            boolean needsChangeLog = starts.open(stream.subscription(), watch.since());
            attach.accept(stream);
            if (needsChangeLog) {
                starts.readChangeLog(stream.subscription(), watch.since());
            }
        } catch (RuntimeException e) {
            stream.close(); // frees the slot and forgets the subscription
            throw e;
        }
        return stream;
    }

    /** Opens a long poll answered through {@code reply}, its answer rendered by {@code sender}. */
    OpenPoll poll(WatchRequest watch, String owner, Executor sender, LongPoll.PollReply reply) {
        WatchConnection connection = connections.open(watch, owner, sender);
        LongPoll[] self = new LongPoll[1];
        AtomicBoolean done = new AtomicBoolean();
        Runnable ended = () -> {
            if (done.compareAndSet(false, true)) {
                starts.close(self[0].subscription());
                streams.answered(self[0]);
                streams.release();
                connections.ended(connection);
            }
        };
        LongPoll poll = new LongPoll(watch.since(), connection, watch.tools(), watch.consumer(), reply);
        self[0] = poll;
        streams.waiting(poll);
        try {
            if (starts.open(poll.subscription(), watch.since())) {
                starts.readChangeLog(poll.subscription(), watch.since());
            }
            poll.wake();
        } catch (RuntimeException e) {
            ended.run(); // the transport never saw the poll, so its completion will not run
            throw e;
        }
        return new OpenPoll(poll, ended);
    }
}
