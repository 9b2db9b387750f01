package io.toolcatalog.node.watch;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.toolcatalog.api.watch.WatchMetrics;
import io.toolcatalog.api.watch.WatchProperties;
import io.toolcatalog.core.cluster.ConsumerRegistry;
import io.toolcatalog.node.cluster.ClusterRedis;
import java.time.Clock;
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
        return new RedisConsumerRegistry(clusterRedis, clock, watch);
    }

    @Bean(destroyMethod = "close")
    PostgresWatchDatabase watchDatabase(DataSourceProperties database, WatchProperties watch) {
        return new PostgresWatchDatabase(database, watch);
    }

    /** Open streams, waiting long polls, events sent by type, coalesced steps, consumer lag. */
    @Bean
    MeterBinder watchMeters(WatchMetrics watch) {
        return new WatchMeters(watch);
    }
}
