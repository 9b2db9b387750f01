package io.toolcatalog.node.cluster;

import java.time.Instant;

/** What a node writes into Redis every heartbeat interval (docs/ARCHITECTURE.md, Propagation), as JSON in snake_case. */
record Heartbeat(
        String nodeId, String address, Instant startedAt, long appliedRevision, String digest, Instant lastSeen) {}
