package io.toolcatalog.api.watch;

import io.toolcatalog.api.error.ApiProblem;
import io.toolcatalog.core.reload.AppliedCatalog;
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

    private final AppliedCatalog catalog;
    private final ChangeLogReads database;
    private final TransitionLog transitions;
    private final WatchStreams streams;
    private final ConsumerTracker consumers;
    private final EventRenderer renderer;
    private final WatchMetrics metrics;
    private final WatchProperties settings;

    WatchSessions(
            AppliedCatalog catalog,
            ChangeLogReads database,
            TransitionLog transitions,
            WatchStreams streams,
            ConsumerTracker consumers,
            EventRenderer renderer,
            WatchMetrics metrics,
            WatchProperties settings) {
        this.catalog = catalog;
        this.database = database;
        this.transitions = transitions;
        this.streams = streams;
        this.consumers = consumers;
        this.renderer = renderer;
        this.metrics = metrics;
        this.settings = settings;
    }

    /**
     * 503 before the first snapshot; 409 for a start point the database never reached; 503 with
     * {@code Retry-After} past {@code max-connections}. Otherwise the caller holds a slot, which the
     * stream or poll it opens next gives back (or {@link #release()} when it opens none).
     */
    void admit(WatchRequest watch) {
        checkStartPoint(watch.since());
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
        String consumer = consumers.connected(watch.consumerId(), owner, startOf(watch));
        SseStream[] self = new SseStream[1];
        long maxBuffered = settings.maxBufferedBytes().toBytes();
        SseStream stream =
                new SseStream(out, connection(consumer, sender), watch.tools(), watch.consumer(), maxBuffered, () -> {
                    transitions.close(self[0].subscription());
                    streams.closed(self[0]);
                    streams.release();
                    consumers.disconnected(consumer);
                });
        self[0] = stream;
        streams.opened(stream);
        try {
            TransitionLog.Start start = transitions.open(stream.subscription(), watch.since());
            attach.accept(stream);
            if (start == TransitionLog.Start.NEEDS_CHANGE_LOG) {
                database.resolve(stream.subscription(), watch.since());
            }
        } catch (RuntimeException e) {
            stream.close(); // frees the slot and forgets the subscription
            throw e;
        }
        return stream;
    }

    /** Opens a long poll answered through {@code reply}, its answer rendered by {@code sender}. */
    OpenPoll poll(WatchRequest watch, String owner, Executor sender, LongPoll.PollReply reply) {
        String consumer = consumers.connected(watch.consumerId(), owner, startOf(watch));
        LongPoll[] self = new LongPoll[1];
        AtomicBoolean done = new AtomicBoolean();
        Runnable ended = () -> {
            if (done.compareAndSet(false, true)) {
                transitions.close(self[0].subscription());
                streams.answered(self[0]);
                streams.release();
                consumers.disconnected(consumer);
            }
        };
        LongPoll poll =
                new LongPoll(watch.since(), connection(consumer, sender), watch.tools(), watch.consumer(), reply);
        self[0] = poll;
        streams.waiting(poll);
        try {
            if (transitions.open(poll.subscription(), watch.since()) == TransitionLog.Start.NEEDS_CHANGE_LOG) {
                database.resolve(poll.subscription(), watch.since());
            }
            poll.wake();
        } catch (RuntimeException e) {
            ended.run(); // the transport never saw the poll, so its completion will not run
            throw e;
        }
        return new OpenPoll(poll, ended);
    }

    private static long startOf(WatchRequest watch) {
        return watch.since() == null ? 0 : watch.since();
    }

    private WatchConnection connection(String consumer, Executor sender) {
        return new WatchConnection(renderer, sender, metrics, consumers, consumer);
    }

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
}
