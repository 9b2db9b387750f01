package io.toolcatalog.node.cluster;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.toolcatalog.api.webhook.ReplayGuard;
import io.toolcatalog.core.cluster.ChangeMessageReader;
import io.toolcatalog.core.cluster.NodeIdentity;
import io.toolcatalog.core.cluster.ReloadBroadcaster;
import io.toolcatalog.core.concurrent.Scheduler;
import io.toolcatalog.core.concurrent.Threads;
import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.tool.ToolJson;
import io.toolcatalog.core.tool.ToolValidator;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.autoconfigure.data.redis.RedisProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * The cluster over Redis: the doorbell publisher and listener, membership, the Redis circuit
 * breaker. Every thread here is bounded and named.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClusterProperties.class)
class ClusterConfiguration {

    @Bean
    ReplayGuard webhookReplayGuard(ClusterRedis clusterRedis, Clock clock) {
        return new RedisReplayGuard(clusterRedis, clock);
    }

    @Bean
    ClusterJson clusterJson() {
        return new ClusterJson();
    }

    @Bean
    ClusterRedis clusterRedis(
            StringRedisTemplate redis,
            ClusterProperties cluster,
            ClusterJson json,
            CircuitBreaker redisCircuitBreaker) {
        return new ClusterRedis(redis, cluster, json, redisCircuitBreaker);
    }

    /** One breaker for every Redis call: Redis is one dependency, and it fails as one. */
    @Bean
    CircuitBreaker redisCircuitBreaker(ClusterProperties cluster, MeterRegistry meters) {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowSize(10)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(cluster.circuitOpenDuration())
                .permittedNumberOfCallsInHalfOpenState(2)
                .build());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
        return registry.circuitBreaker("redis");
    }

    /** Connects the publisher to Redis (the one step that may block), off the mutations' threads. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService clusterPublisher(ClusterProperties cluster) {
        return oneThread("catalog-publish", cluster.publishQueueCapacity(), new ThreadPoolExecutor.AbortPolicy());
    }

    @Bean
    ReloadBroadcaster reloadBroadcaster(
            ClusterRedis clusterRedis,
            ExecutorService clusterPublisher,
            MissedAnnouncement missedAnnouncement,
            MeterRegistry meters,
            RedisProperties redis) {
        return new RedisReloadBroadcaster(
                clusterRedis,
                clusterPublisher,
                missedAnnouncement,
                meters,
                RedisClientConfiguration.isRedisCluster(redis));
    }

    @Bean
    MissedAnnouncement missedAnnouncement(ScheduledExecutorService clusterScheduler, ClusterProperties cluster) {
        return new MissedAnnouncement(Scheduler.of(clusterScheduler), cluster.circuitOpenDuration());
    }

    @Bean
    ChangeMessageReader changeMessageReader(ToolValidator validator, ToolJson toolJson) {
        return new ChangeMessageReader(validator, toolJson);
    }

    /** Runs cluster reloads asked by other nodes, one at a time, off the listener's threads. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService clusterReloadRequests() {
        return oneThread("catalog-cluster-reload", 100, new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * The listener thread: handles the messages the receiving thread could not ({@link
     * ListenerLane}), one at a time in the order Redis delivered them (carried rows apply only in
     * order). The lane schedules at most one task at a time on it.
     */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService clusterListenerExecutor() {
        return oneThread("catalog-listener", 10_000, new ThreadPoolExecutor.CallerRunsPolicy());
    }

    @Bean
    ClusterMessageListener clusterMessageListener(
            CatalogReloader reloader,
            ChangeMessageReader changeMessageReader,
            MissedAnnouncement missedAnnouncement,
            NodeIdentity node,
            ClusterProperties cluster,
            ClusterJson json,
            ExecutorService clusterReloadRequests,
            ExecutorService clusterListenerExecutor,
            MeterRegistry meters) {
        return new ClusterMessageListener(
                reloader,
                changeMessageReader,
                missedAnnouncement,
                node,
                cluster,
                json,
                clusterReloadRequests,
                clusterListenerExecutor,
                meters);
    }

    @Bean
    RedisMessageListenerContainer clusterListenerContainer(
            RedisConnectionFactory connections,
            ClusterMessageListener listener,
            ClusterProperties cluster,
            ExecutorService clusterListenerExecutor) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer() {
            /** {@link ListenerStarter} starts it, and retries while Redis is down. */
            @Override
            public boolean isAutoStartup() {
                return false;
            }
        };
        container.setConnectionFactory(connections);
        // the listener is called on the thread that received the message (its lane decides where it
        // is handled); the container's own retries of a failed subscription stay on the listener thread
        container.setTaskExecutor(Runnable::run);
        container.setSubscriptionExecutor(clusterListenerExecutor);
        container.setRecoveryInterval(cluster.reconnectDelayMax().toMillis());
        container.addMessageListener(
                listener,
                List.of(new ChannelTopic(cluster.changedChannel()), new ChannelTopic(cluster.reloadChannel())));
        return container;
    }

    /** Subscribes with the container, or by sharded pub/sub in a Redis Cluster (where the container stays idle). */
    @Bean
    ListenerStarter clusterListenerStarter(
            RedisMessageListenerContainer clusterListenerContainer,
            RedisConnectionFactory connections,
            ClusterMessageListener listener,
            ScheduledExecutorService clusterScheduler,
            ClusterProperties cluster,
            RedisProperties redis) {
        SmartLifecycle subscription = RedisClientConfiguration.isRedisCluster(redis)
                ? new ShardedSubscription(
                        (LettuceConnectionFactory) connections,
                        List.of(cluster.changedChannel(), cluster.reloadChannel()),
                        listener,
                        clusterScheduler,
                        cluster.reconnectDelayMax())
                : clusterListenerContainer;
        return new ListenerStarter(subscription, Scheduler.of(clusterScheduler), cluster.reconnectDelayMax());
    }

    /**
     * Runs the node's upkeep of the cluster over Redis: heartbeats, retries of the listener's start,
     * the retention of reload counters. Each task is short and none waits for another.
     */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService clusterScheduler() {
        return Executors.newSingleThreadScheduledExecutor(Threads.named("catalog-cluster", true));
    }

    /** This node in its heartbeats: it learns the web server's port, so it is a bean of its own. */
    @Bean
    LocalNode localNode(NodeIdentity node, NodeProperties nodeProperties, CatalogReloader reloader) {
        return new LocalNode(node, nodeProperties.address() != null, reloader);
    }

    @Bean
    RedisMembership membership(
            ClusterRedis clusterRedis, LocalNode localNode, Clock clock, ScheduledExecutorService clusterScheduler) {
        ClusterProperties cluster = clusterRedis.cluster();
        NodeLiveness liveness =
                new NodeLiveness(cluster.heartbeatInterval(), cluster.missedHeartbeats(), cluster.forgetAfter(), clock);
        return new RedisMembership(clusterRedis, localNode, liveness, Scheduler.of(clusterScheduler));
    }

    /** One daemon thread named {@code name}, working through a queue of at most {@code capacity} tasks. */
    private static ExecutorService oneThread(String name, int capacity, RejectedExecutionHandler whenFull) {
        return new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(capacity),
                Threads.named(name, true),
                whenFull);
    }
}
