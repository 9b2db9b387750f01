package io.toolcatalog.core.cluster;

import java.time.Instant;

/**
 * Where one named consumer of the watch stream stands on one node: the last revision handed to it,
 * since when it has been connected, and when it was last seen (a delivery, a heartbeat, a poll).
 */
public record ConsumerPosition(
        String consumerId, String nodeId, long deliveredRevision, Instant connectedSince, Instant lastSeen) {}
