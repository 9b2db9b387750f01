package io.toolcatalog.core.cluster;

import java.time.Instant;

/**
 * Where one named consumer of the watch stream stands on one node: the last revision handed to it,
 * since when it has been connected, and when it was last seen (a delivery, a heartbeat, a poll).
 * {@code owner} is the principal whose token the consumer used, null when it came without one: a
 * consumer that authenticated owns its id, and nobody else may report under it. {@code view} is the
 * view it was last handed ({@code stable}, {@code rollout=3}), null before its first event.
 */
public record ConsumerPosition(
        String consumerId,
        String nodeId,
        long deliveredRevision,
        Instant connectedSince,
        Instant lastSeen,
        String owner,
        String view) {

    /** The entry's key in the cluster's table, and the order of its listing: {@code id@node}. */
    public String key() {
        return consumerId + "@" + nodeId;
    }
}
