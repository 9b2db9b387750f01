package io.toolcatalog.node.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How this node takes part in its cluster through Redis ({@code catalog.cluster.*}).
 *
 * @param name prefix of every Redis key and channel ({@code CATALOG_CLUSTER_NAME}), so clusters can
 *     share one Redis
 * @param heartbeatInterval how often this node writes its heartbeat
 * @param missedHeartbeats a node whose last heartbeat is older than this many intervals is down
 * @param forgetAfter a down node stays listed this long after its last heartbeat, then is forgotten
 * @param historyMaxLength approximate length the cluster's reload event stream is trimmed to
 * @param historyQueueCapacity reload events waiting for Redis beyond this drop the oldest
 * @param publishQueueCapacity messages in flight to Redis (sent, not yet acknowledged) beyond this
 *     are dropped (the revision poll covers them)
 * @param maxCarriedBytes a change's message carries the revision's rows up to this size (JSON
 *     bytes), so nodes apply it without reading PostgreSQL; above it the message is a plain
 *     doorbell. 0 turns carrying off: this node publishes plain doorbells and re-reads every
 *     change, its own included, as nodes did before
 * @param reconnectDelayMax the longest Lettuce waits between reconnect attempts
 * @param keepAliveIdle idle time before TCP keepalive probes start on Redis connections
 * @param tcpUserTimeout how long unacknowledged data may sit on a Redis connection before the
 *     kernel drops it (needs the epoll transport)
 * @param circuitOpenDuration how long the Redis circuit breaker stays open before trying again
 * @param messageKey the cluster's shared secret ({@code CATALOG_CLUSTER_MESSAGE_KEY}): when set,
 *     every message this node publishes is signed with it (HMAC-SHA256) and messages without a
 *     valid signature are refused; the same on every node. Unset: nothing signed, and a carried
 *     revision is confirmed with the database before it is applied
 */
@ConfigurationProperties("catalog.cluster")
public record ClusterProperties(
        @DefaultValue("catalog") String name,
        @DefaultValue("1s") Duration heartbeatInterval,
        @DefaultValue("3") int missedHeartbeats,
        @DefaultValue("5m") Duration forgetAfter,
        @DefaultValue("10000") int historyMaxLength,
        @DefaultValue("10000") int historyQueueCapacity,
        @DefaultValue("1000") int publishQueueCapacity,
        @DefaultValue("500ms") Duration reconnectDelayMax,
        @DefaultValue("5s") Duration keepAliveIdle,
        @DefaultValue("10s") Duration tcpUserTimeout,
        @DefaultValue("500ms") Duration circuitOpenDuration,
        @DefaultValue("64KB") DataSize maxCarriedBytes,
        String messageKey) {

    /**
     * These properties for a Redis Cluster: the name becomes a hash tag ({@code {catalog}}), so every
     * key and channel of the cluster sits in one slot and what a script or a pipeline uses together
     * is on one master. A name that has a tag already is kept.
     */
    public ClusterProperties inRedisCluster() {
        if (name.contains("{") && name.indexOf('}') > name.indexOf('{') + 1) {
            return this;
        }
        return new ClusterProperties(
                "{" + name + "}",
                heartbeatInterval,
                missedHeartbeats,
                forgetAfter,
                historyMaxLength,
                historyQueueCapacity,
                publishQueueCapacity,
                reconnectDelayMax,
                keepAliveIdle,
                tcpUserTimeout,
                circuitOpenDuration,
                maxCarriedBytes,
                messageKey);
    }

    /** Whether this node carries and applies changes' rows. */
    public boolean carriesChanges() {
        return maxCarriedBytes.toBytes() > 0;
    }

    /** The channel of {@code ChangeMessage} doorbells. */
    public String changedChannel() {
        return name + ":catalog-changed";
    }

    /** The channel of explicit cluster reload requests. */
    public String reloadChannel() {
        return name + ":reload-requested";
    }

    /** The stream of every node's reload events. */
    public String eventsKey() {
        return name + ":reload-events";
    }

    /** The hash of per-node reload counters ({@code <node>:total|successful|failed}). */
    public String countsKey() {
        return name + ":reload-counts";
    }

    /** The hash of heartbeats, one field per node id. */
    public String nodesKey() {
        return name + ":nodes";
    }

    /** The hash tag of the watch consumers' keys (one per consumer and node, and their indexes). */
    public String consumersKey() {
        return name + ":consumers";
    }
}
