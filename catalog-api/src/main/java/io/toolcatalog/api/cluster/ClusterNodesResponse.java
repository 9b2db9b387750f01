package io.toolcatalog.api.cluster;

import io.toolcatalog.core.cluster.NodeStatus;
import java.util.List;

/** {@code GET /cluster/nodes}: the catalog's revision and every node heard from, with its lag. */
record ClusterNodesResponse(long revision, List<NodeStatus> nodes) {}
