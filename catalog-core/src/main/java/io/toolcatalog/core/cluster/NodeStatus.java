package io.toolcatalog.core.cluster;

import java.time.Instant;

/** What the cluster knows of one node, from its heartbeats. {@code status} is {@code up} or {@code down}. */
public record NodeStatus(
        String nodeId,
        String address,
        String status,
        Instant startedAt,
        Instant lastSeen,
        long appliedRevision,
        long lag,
        String digest) {

    public boolean isUp() {
        return "up".equals(status);
    }
}
