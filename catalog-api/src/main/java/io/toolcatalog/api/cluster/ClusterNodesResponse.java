package io.toolcatalog.api.cluster;

import io.toolcatalog.core.cluster.NodeStatus;
import java.time.Instant;
import java.util.List;

/** {@code GET /cluster/nodes}: the catalog's revision and every node heard from, with its lag. */
record ClusterNodesResponse(long revision, List<NodeResponse> nodes) {

    record NodeResponse(
            String nodeId,
            String address,
            String status,
            Instant startedAt,
            Instant lastSeen,
            long appliedRevision,
            long lag,
            String digest) {

        static NodeResponse from(NodeStatus node) {
            return new NodeResponse(
                    node.nodeId(),
                    node.address(),
                    node.status(),
                    node.startedAt(),
                    node.lastSeen(),
                    node.appliedRevision(),
                    node.lag(),
                    node.digest());
        }
    }
}
