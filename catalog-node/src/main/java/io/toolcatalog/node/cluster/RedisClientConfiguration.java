package io.toolcatalog.node.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SocketOptions.KeepAliveOptions;
import io.lettuce.core.SocketOptions.TcpUserTimeoutOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.Delay;
import io.toolcatalog.core.cluster.NodeIdentity;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.autoconfigure.data.redis.ClientResourcesBuilderCustomizer;
import org.springframework.boot.autoconfigure.data.redis.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.autoconfigure.data.redis.RedisProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lettuce, set for a cluster that must notice a lost connection quickly (docs/ARCHITECTURE.md, Propagation): reconnect
 * attempts at most {@code reconnect-delay-max} apart (Lettuce's default grows to 30 s); TCP
 * keepalive on, with a user timeout, because a half-open pub/sub connection otherwise loses every
 * message silently (lettuce#1428); commands time out after {@code spring.data.redis.timeout}.
 * Connections carry the cluster and node in their client name, so {@code CLIENT LIST} says whose
 * they are.
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
        ClientOptions options = ClientOptions.builder()
                .autoReconnect(true)
                .socketOptions(socket)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .build();
        return builder -> builder.clientOptions(options)
                .commandTimeout(commandTimeout)
                .clientName(cluster.name() + ":" + node.nodeId());
    }
}
