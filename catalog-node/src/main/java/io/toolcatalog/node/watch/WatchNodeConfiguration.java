package io.toolcatalog.node.watch;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.toolcatalog.api.watch.WatchMetrics;
import io.toolcatalog.api.watch.WatchProperties;
import io.toolcatalog.core.cluster.ConsumerRegistry;
import io.toolcatalog.node.cluster.ClusterRedis;
import java.time.Clock;
import java.util.function.ToDoubleBiFunction;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The watch stream's cluster side: consumers through Redis, and its metrics for Prometheus. Only
 * where the API (and so the stream) runs: a node context without a web server has no watchers.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class WatchNodeConfiguration {

    @Bean
    ConsumerRegistry consumerRegistry(ClusterRedis clusterRedis, Clock clock, WatchProperties watch) {
        return new RedisConsumerRegistry(clusterRedis, clock, watch.consumerTtl(), watch.maxConsumers());
    }

    @Bean(destroyMethod = "close")
    PostgresWatchDatabase watchDatabase(DataSourceProperties database, WatchProperties watch) {
        return new PostgresWatchDatabase(database, watch);
    }

    /** Open streams, waiting long polls, events sent by type, coalesced steps, consumer lag. */
    @Bean
    MeterBinder watchMeters(WatchMetrics watch) {
        return (MeterRegistry registry) -> {
            Gauge.builder("catalog.watch.streams", watch, WatchMetrics::openStreams)
                    .description("Watch event streams open on this node")
                    .register(registry);
            Gauge.builder("catalog.watch.polls", watch, WatchMetrics::waitingPolls)
                    .description("Watch long polls waiting on this node")
                    .register(registry);
            countersByTag(
                    registry,
                    watch,
                    "catalog.watch.events",
                    "Watch events sent, by type",
                    "type",
                    WatchMetrics.eventTypes(),
                    WatchMetrics::eventsSent);
            FunctionCounter.builder("catalog.watch.coalesced", watch, WatchMetrics::coalescedEvents)
                    .description("Snapshot steps merged into an event a slow watcher had not taken yet")
                    .register(registry);
            FunctionCounter.builder("catalog.watch.refused", watch, WatchMetrics::refusedConnections)
                    .description("Watch connections refused past catalog.watch.max-connections")
                    .register(registry);
            countersByTag(
                    registry,
                    watch,
                    "catalog.watch.dropped",
                    "Watch streams this node ended: over their byte bound, or ended by the container",
                    "reason",
                    WatchMetrics.dropReasons(),
                    WatchMetrics::droppedStreams);
            FunctionCounter.builder("catalog.watch.database.reads", watch, WatchMetrics::databaseReads)
                    .description("Reads of PostgreSQL made for watch requests, each shared by all that wanted it")
                    .register(registry);
            countersByTag(
                    registry,
                    watch,
                    "catalog.watch.consumers.refused",
                    "Consumer reports refused: an id another principal owns, or a full table",
                    "reason",
                    WatchMetrics.consumerRefusalReasons(),
                    WatchMetrics::refusedConsumers);
            Gauge.builder("catalog.watch.consumer.lag", watch, WatchMetrics::maxConsumerLag)
                    .description("Revisions the furthest-behind consumer on this node is behind it")
                    .register(registry);
        };
    }

    /** One counter of {@code name} for each value of {@code tag}, read from {@code count}. */
    private static void countersByTag(
            MeterRegistry registry,
            WatchMetrics watch,
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
