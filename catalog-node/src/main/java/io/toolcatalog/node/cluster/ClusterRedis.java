package io.toolcatalog.node.cluster;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * What every part of the node that talks to the cluster's Redis needs: the connection ({@code
 * template}), the cluster's keys and channels ({@code cluster}), the JSON every node writes there
 * ({@code json}), and the one circuit breaker every Redis call goes through ({@code breaker}).
 */
public record ClusterRedis(
        StringRedisTemplate template, ClusterProperties cluster, ClusterJson json, CircuitBreaker breaker) {}
