package io.toolcatalog.node.cluster;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.toolcatalog.core.cluster.Membership;
import io.toolcatalog.core.cluster.NodeStatus;
import io.toolcatalog.core.concurrent.Scheduler;
import io.toolcatalog.core.reload.CatalogSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The cluster's members from their heartbeats, kept in one Redis hash (node id → {@link
 * Heartbeat}). This node beats every {@code heartbeat-interval} on {@code scheduler}, and removes
 * itself when it stops cleanly, so a planned shutdown shows at once and only a crash waits for the
 * missed heartbeats. Reads go through the circuit breaker; when Redis does not answer, the cluster
 * this node knows is itself.
 */
public final class RedisMembership implements Membership, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RedisMembership.class);

    private final StringRedisTemplate redis;
    private final ClusterProperties cluster;
    private final ClusterJson json;
    private final CircuitBreaker breaker;
    private final LocalNode node;
    private final NodeLiveness liveness;
    private final Scheduler scheduler;
    private volatile boolean lastBeatSucceeded = true;
    private Scheduler.Cancellable beating;
    private Scheduler.Cancellable following;
    /** The snapshot the last heartbeat described: a new one is announced without waiting a period. */
    private volatile CatalogSnapshot described;

    /** How soon a heartbeat follows a snapshot swap (the cluster view shows each node's revision). */
    static final Duration PROMPT = Duration.ofMillis(100);

    RedisMembership(ClusterRedis redis, LocalNode node, NodeLiveness liveness, Scheduler scheduler) {
        this.redis = redis.template();
        this.cluster = redis.cluster();
        this.json = redis.json();
        this.breaker = redis.breaker();
        this.node = node;
        this.liveness = liveness;
        this.scheduler = scheduler;
    }

    @Override
    public List<NodeStatus> nodes(long catalogRevision) {
        Map<Object, Object> beats;
        try {
            beats = breaker.executeSupplier(() -> redis.opsForHash().entries(cluster.nodesKey()));
        } catch (RuntimeException e) {
            log.debug("Membership unavailable ({}); answering with this node only", e.toString());
            return List.of(liveness.status(ownBeat(), catalogRevision));
        }
        List<NodeStatus> nodes = new ArrayList<>();
        for (Map.Entry<Object, Object> entry : beats.entrySet()) {
            Heartbeat beat;
            try {
                beat = json.read((String) entry.getValue(), Heartbeat.class);
            } catch (RuntimeException e) {
                log.warn("Ignoring an unreadable heartbeat of {}: {}", entry.getKey(), e.toString());
                continue;
            }
            if (liveness.forgotten(beat)) {
                forget(beat.nodeId());
            } else if (!beat.nodeId().equals(node.nodeId())) {
                nodes.add(liveness.status(beat, catalogRevision));
            }
        }
        // the answering node knows its own state now, not as of its last heartbeat
        nodes.add(liveness.status(ownBeat(), catalogRevision));
        nodes.sort(Comparator.comparing(NodeStatus::nodeId));
        return List.copyOf(nodes);
    }

    /** Whether the last heartbeat reached Redis: the quickest sign of a Redis outage. */
    public boolean lastBeatSucceeded() {
        return lastBeatSucceeded;
    }

    void beat() {
        try {
            CatalogSnapshot snapshot = node.snapshot();
            String value = json.write(ownBeat(snapshot));
            breaker.executeRunnable(() -> redis.opsForHash().put(cluster.nodesKey(), node.nodeId(), value));
            described = snapshot;
            if (!lastBeatSucceeded) {
                log.info("Heartbeats reach Redis again (node {})", node.nodeId());
            }
            lastBeatSucceeded = true;
        } catch (RuntimeException e) {
            if (lastBeatSucceeded) {
                log.warn("Heartbeat of node {} failed: {}", node.nodeId(), e.toString());
            }
            lastBeatSucceeded = false;
        }
    }

    @Override
    public synchronized void start() {
        beating = scheduler.scheduleAtFixedRate(this::beat, Duration.ZERO, cluster.heartbeatInterval());
        following = scheduler.scheduleWithFixedDelay(this::beatIfSwapped, PROMPT, PROMPT);
        log.info("Node {} joined cluster {} at {}", node.nodeId(), cluster.name(), node.address());
    }

    /** A clean stop leaves the cluster at once instead of waiting to be seen as down. */
    @Override
    public synchronized void stop() {
        if (beating != null) {
            beating.cancel();
            following.cancel();
            beating = null;
        }
        try {
            breaker.executeRunnable(() -> redis.opsForHash().delete(cluster.nodesKey(), node.nodeId()));
            log.info("Node {} left cluster {}", node.nodeId(), cluster.name());
        } catch (RuntimeException e) {
            log.warn("Node {} could not leave cluster {} cleanly: {}", node.nodeId(), cluster.name(), e.toString());
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return beating != null;
    }

    /** After the web server (its address is known) and before the graceful shutdown on stop. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 512;
    }

    /** A heartbeat as soon as the node swapped its snapshot (a new revision, or new content at one). */
    void beatIfSwapped() {
        if (lastBeatSucceeded && node.snapshot() != described) {
            beat();
        }
    }

    private Heartbeat ownBeat() {
        return ownBeat(node.snapshot());
    }

    private Heartbeat ownBeat(CatalogSnapshot snapshot) {
        return node.beat(snapshot, liveness.now());
    }

    private void forget(String nodeId) {
        try {
            breaker.executeRunnable(() -> redis.opsForHash().delete(cluster.nodesKey(), nodeId));
            log.info("Forgot node {}: no heartbeat for more than {}", nodeId, cluster.forgetAfter());
        } catch (RuntimeException e) {
            log.debug("Could not forget node {}: {}", nodeId, e.toString());
        }
    }
}
