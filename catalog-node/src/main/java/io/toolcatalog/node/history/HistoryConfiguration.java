package io.toolcatalog.node.history;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.toolcatalog.core.concurrent.Scheduler;
import io.toolcatalog.core.concurrent.Threads;
import io.toolcatalog.core.history.LocalReloadHistory;
import io.toolcatalog.node.cluster.ClusterRedis;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** The cluster's reload history in Redis: this node's writer and the store every node reads. */
@Configuration(proxyBeanMethods = false)
class HistoryConfiguration {

    /** Writes this node's reload events to Redis, in order, waiting for them between batches. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService historyWriter() {
        return Executors.newSingleThreadScheduledExecutor(Threads.named("catalog-history-writer", true));
    }

    @Bean
    RedisHistorySink redisHistorySink(
            ClusterRedis clusterRedis, ScheduledExecutorService historyWriter, MeterRegistry meters) {
        RedisHistorySink sink = new RedisHistorySink(clusterRedis, Scheduler.of(historyWriter));
        Gauge.builder("catalog.history.queued", sink, RedisHistorySink::queued)
                .description("Reload events waiting to be written to the cluster's stream")
                .register(meters);
        FunctionCounter.builder("catalog.history.dropped", sink, RedisHistorySink::dropped)
                .description("Reload events dropped because the queue waiting for Redis was full")
                .register(meters);
        return sink;
    }

    @Bean
    ReloadCountsRetention reloadCountsRetention(
            ClusterRedis clusterRedis, ScheduledExecutorService clusterScheduler, Clock clock) {
        return new ReloadCountsRetention(clusterRedis, Scheduler.of(clusterScheduler), clock);
    }

    /** The one the API reads; {@link LocalReloadHistory} is also a store, and is the fallback. */
    @Bean
    @Primary
    RedisHistoryStore redisHistoryStore(ClusterRedis clusterRedis, LocalReloadHistory local, RedisHistorySink sink) {
        return new RedisHistoryStore(clusterRedis, local, sink::pending);
    }
}
