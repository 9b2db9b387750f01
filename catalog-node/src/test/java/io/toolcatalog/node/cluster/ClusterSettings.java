package io.toolcatalog.node.cluster;

import java.util.Map;

/** Node settings the cluster tests share. */
final class ClusterSettings {

    /** Long enough that the revision poll never runs during a test; heartbeats at the default 1 s. */
    static final Map<String, String> NO_POLL = Map.of("catalog.sync.poll-interval", "1h");

    private ClusterSettings() {}
}
