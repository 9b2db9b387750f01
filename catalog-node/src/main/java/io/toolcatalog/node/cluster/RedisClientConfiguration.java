package io.toolcatalog.node.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SocketOptions.KeepAliveOptions;
import io.lettuce.core.SocketOptions.TcpUserTimeoutOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode.NodeFlag;
import io.lettuce.core.resource.Delay;
import io.toolcatalog.core.cluster.NodeIdentity;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.data.redis.ClientResourcesBuilderCustomizer;
import org.springframework.boot.autoconfigure.data.redis.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.autoconfigure.data.redis.RedisProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Lettuce, set for a cluster that must notice a lost connection quickly (docs/ARCHITECTURE.md, Propagation): reconnect
 * attempts at most {@code reconnect-delay-max} apart (Lettuce's default grows to 30 s); TCP
 * keepalive on, with a user timeout, because a half-open pub/sub connection otherwise loses every
 * message silently (lettuce#1428); commands time out after {@code spring.data.redis.timeout}.
 * Connections carry the cluster and node in their client name, so {@code CLIENT LIST} says whose
 * they are.
 *
 * <p>With {@code spring.data.redis.cluster.nodes} set, the client is Lettuce's cluster client and
 * follows the cluster's topology: refreshed every {@code
 * spring.data.redis.lettuce.cluster.refresh.period} (1 s unless set) and at once on every adaptive
 * trigger (a MOVED or ASK redirect, a node that keeps failing to reconnect, an uncovered slot), at
 * most every {@code reconnect-delay-max}, so commands and subscriptions reach a slot's new master
 * soon after its replica is promoted. A server the cluster marks failed leaves the client's view, so
 * the client stops reconnecting to it (and logging so) until it is back. Every key and channel of the catalog then carries the cluster's
 * name as a hash tag ({@link ClusterProperties#inRedisCluster()}).
 */
@Configuration(proxyBeanMethods = false)
class RedisClientConfiguration {

    @Bean
    ClientResourcesBuilderCustomizer cappedReconnectDelay(ClusterProperties cluster) {
        return resources -> resources.reconnectDelay(
                Delay.exponential(Duration.ofMillis(1), cluster.reconnectDelayMax(), 2, TimeUnit.MILLISECONDS));
    }

    @Bean
    LettuceClientConfigurationBuilderCustomizer clusterClientOptions(
            ClusterProperties cluster, RedisProperties redis, NodeIdentity node) {
        Duration commandTimeout = redis.getTimeout() != null ? redis.getTimeout() : Duration.ofMillis(500);
        Duration connectTimeout = redis.getConnectTimeout() != null ? redis.getConnectTimeout() : Duration.ofSeconds(1);
        SocketOptions socket = SocketOptions.builder()
                .connectTimeout(connectTimeout)
                .keepAlive(KeepAliveOptions.builder()
                        .enable()
                        .idle(cluster.keepAliveIdle())
                        .interval(Duration.ofSeconds(1))
                        .count(3)
                        .build())
                .tcpUserTimeout(TcpUserTimeoutOptions.builder()
                        .enable()
                        .tcpUserTimeout(cluster.tcpUserTimeout())
                        .build())
                .build();
        ClientOptions single = ClientOptions.builder()
                .autoReconnect(true)
                .socketOptions(socket)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .build();
        ClientOptions options = isRedisCluster(redis)
                ? ClusterClientOptions.builder(single)
                        .topologyRefreshOptions(topologyRefresh(redis, cluster))
                        // a failed server leaves the client's view, and its connections are closed
                        .nodeFilter(server -> !server.is(NodeFlag.FAIL) && !server.is(NodeFlag.NOADDR))
                        .build()
                : single;
        return builder -> builder.clientOptions(options)
                .commandTimeout(commandTimeout)
                .clientName(cluster.name() + ":" + node.nodeId());
    }

    /** In a Redis Cluster, the node's keys and channels are hash-tagged; elsewhere they stay as they are. */
    @Bean
    static BeanPostProcessor hashTaggedKeysInRedisCluster(Environment environment) {
        boolean inCluster = Binder.get(environment)
                .bind("spring.data.redis.cluster.nodes", Bindable.listOf(String.class))
                .map(nodes -> !nodes.isEmpty())
                .orElse(false);
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return inCluster && bean instanceof ClusterProperties properties ? properties.inRedisCluster() : bean;
            }
        };
    }

    static boolean isRedisCluster(RedisProperties redis) {
        return redis.getCluster() != null
                && redis.getCluster().getNodes() != null
                && !redis.getCluster().getNodes().isEmpty();
    }

    private static ClusterTopologyRefreshOptions topologyRefresh(RedisProperties redis, ClusterProperties cluster) {
        RedisProperties.Lettuce.Cluster.Refresh refresh =
                redis.getLettuce().getCluster().getRefresh();
        Duration period = refresh.getPeriod() != null ? refresh.getPeriod() : Duration.ofSeconds(1);
        return ClusterTopologyRefreshOptions.builder()
                .enablePeriodicRefresh(period)
                .enableAllAdaptiveRefreshTriggers()
                .adaptiveRefreshTriggersTimeout(cluster.reconnectDelayMax())
                .refreshTriggersReconnectAttempts(3)
                .dynamicRefreshSources(refresh.isDynamicRefreshSources())
                .build();
    }
}
