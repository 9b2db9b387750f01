package io.toolcatalog.core.cluster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * What the cluster knows of one node, from its heartbeats, as {@code GET /cluster/nodes} lists it.
 * {@code status} is {@code up} or {@code down}.
 */
public record NodeStatus(
        String nodeId,
        String address,
        String status,
        Instant startedAt,
        Instant lastSeen,
        long appliedRevision,
        long lag,
        String digest) {

    @JsonIgnore
    public boolean isUp() {
        return "up".equals(status);
    }
}
