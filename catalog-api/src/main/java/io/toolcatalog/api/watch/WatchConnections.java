package io.toolcatalog.api.watch;

import java.util.concurrent.Executor;

/**
 * What every stream and long poll of this node shares: the renderer, the metrics and the consumer
 * list. Each connection opened here registers its consumer, and gives it back when it ends.
 */
record WatchConnections(EventRenderer renderer, WatchMetrics metrics, ConsumerTracker consumers) {

    /** A connection for {@code watch} by {@code owner} (null when anonymous), writing on {@code sender}. */
    WatchConnection open(WatchRequest watch, String owner, Executor sender) {
        long start = watch.since() == null ? 0 : watch.since();
        String consumer = consumers.connected(watch.consumerId(), owner, start);
        return new WatchConnection(renderer, sender, metrics, consumers, consumer);
    }

    /** {@code connection} ended: its consumer is no longer connected through it. */
    void ended(WatchConnection connection) {
        consumers.disconnected(connection.consumerId());
    }
}
