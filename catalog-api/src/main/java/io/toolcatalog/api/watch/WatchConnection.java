package io.toolcatalog.api.watch;

import java.util.Set;
import java.util.concurrent.Executor;

/**
 * What one stream or long poll shares with every other: the renderer, the sender threads, the
 * metrics and the consumer list, and the id of the consumer it serves.
 */
record WatchConnection(
        EventRenderer renderer, Executor sender, WatchMetrics metrics, ConsumerTracker consumers, String consumerId) {

    EventBody render(Subscription.Ready ready, Set<String> filter) {
        return renderer.body(ready.step(), ready.snapshot(), filter);
    }

    EventBody progress(long revision) {
        return renderer.progress(revision);
    }

    /** {@code body} reached the socket: counted, and the consumer is at its revision, in its view. */
    void delivered(EventBody body) {
        metrics.sent(body.type());
        consumers.delivered(consumerId, body.revision(), body.view());
    }
}
