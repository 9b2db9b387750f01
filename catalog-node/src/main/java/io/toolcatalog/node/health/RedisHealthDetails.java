package io.toolcatalog.node.health;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.toolcatalog.node.cluster.RedisMembership;
import io.toolcatalog.node.history.RedisHistorySink;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Redis in the {@code catalog} health component: {@code up}, or {@code degraded} when the circuit
 * is not closed or the last heartbeat did not get through. Never DOWN: PostgreSQL is the truth and
 * the revision poll keeps the node current without Redis.
 */
@Component
public class RedisHealthDetails implements CatalogHealthDetails {

    private final CircuitBreaker breaker;
    private final RedisMembership membership;
    private final RedisHistorySink history;

    public RedisHealthDetails(CircuitBreaker breaker, RedisMembership membership, RedisHistorySink history) {
        this.breaker = breaker;
        this.membership = membership;
        this.history = history;
    }

    @Override
    public void contribute(Map<String, Object> details) {
        CircuitBreaker.State state = breaker.getState();
        boolean up = state == CircuitBreaker.State.CLOSED && membership.lastBeatSucceeded();
        details.put("redis", up ? "up" : "degraded");
        details.put("redis_circuit", state.name());
        details.put("history_queued", history.queued());
        details.put("history_dropped", history.dropped());
    }
}
