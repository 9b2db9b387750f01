package io.toolcatalog.core.cluster;

import java.time.Instant;

/** Who this node is: its id (host name and port unless configured), where it answers, since when. */
public record NodeIdentity(String nodeId, String address, Instant startedAt) {}
