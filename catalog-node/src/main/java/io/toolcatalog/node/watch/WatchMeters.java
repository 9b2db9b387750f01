package io.toolcatalog.node.watch;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.toolcatalog.api.watch.WatchMetrics;
import java.util.function.ToDoubleBiFunction;
import java.util.function.ToDoubleFunction;

/**
 * The watch stream's meters for Prometheus, each read from {@link WatchMetrics}: open streams,
 * waiting long polls, events sent by type, coalesced steps, refused connections, dropped streams,
 * database reads, refused consumer reports, consumer lag.
 */
final class WatchMeters implements MeterBinder {

    private final WatchMetrics watch;

    WatchMeters(WatchMetrics watch) {
        this.watch = watch;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "catalog.watch.streams", "Watch event streams open on this node", WatchMetrics::openStreams);
        gauge(registry, "catalog.watch.polls", "Watch long polls waiting on this node", WatchMetrics::waitingPolls);
        countersByTag(
                registry,
                "catalog.watch.events",
                "Watch events sent, by type",
                "type",
                WatchMetrics.eventTypes(),
                WatchMetrics::eventsSent);
        counter(
                registry,
                "catalog.watch.coalesced",
                "Snapshot steps merged into an event a slow watcher had not taken yet",
                WatchMetrics::coalescedEvents);
        counter(
                registry,
                "catalog.watch.refused",
                "Watch connections refused past catalog.watch.max-connections",
                WatchMetrics::refusedConnections);
        countersByTag(
                registry,
                "catalog.watch.dropped",
                "Watch streams this node ended: over their byte bound, or ended by the container",
                "reason",
                WatchMetrics.dropReasons(),
                WatchMetrics::droppedStreams);
        counter(
                registry,
                "catalog.watch.database.reads",
                "Reads of PostgreSQL made for watch requests, each shared by all that wanted it",
                WatchMetrics::databaseReads);
        countersByTag(
                registry,
                "catalog.watch.consumers.refused",
                "Consumer reports refused: an id another principal owns, or a full table",
                "reason",
                WatchMetrics.consumerRefusalReasons(),
                WatchMetrics::refusedConsumers);
        gauge(
                registry,
                "catalog.watch.consumer.lag",
                "Revisions the furthest-behind consumer on this node is behind it",
                WatchMetrics::maxConsumerLag);
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<WatchMetrics> value) {
        Gauge.builder(name, watch, value).description(description).register(registry);
    }

    private void counter(
            MeterRegistry registry, String name, String description, ToDoubleFunction<WatchMetrics> count) {
        FunctionCounter.builder(name, watch, count).description(description).register(registry);
    }

    /** One counter of {@code name} for each value of {@code tag}, read from {@code count}. */
    private void countersByTag(
            MeterRegistry registry,
            String name,
            String description,
            String tag,
            String[] values,
            ToDoubleBiFunction<WatchMetrics, String> count) {
        for (String value : values) {
            FunctionCounter.builder(name, watch, w -> count.applyAsDouble(w, value))
                    .description(description)
                    .tag(tag, value)
                    .register(registry);
        }
    }
}
