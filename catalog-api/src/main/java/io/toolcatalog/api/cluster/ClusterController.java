package io.toolcatalog.api.cluster;

import io.toolcatalog.core.cluster.Membership;
import io.toolcatalog.core.tool.ChangeLog;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /cluster/nodes}: lag is measured against the database's revision, read once. */
@RestController
class ClusterController {

    private final Membership membership;
    private final ChangeLog changeLog;

    ClusterController(Membership membership, ChangeLog changeLog) {
        this.membership = membership;
        this.changeLog = changeLog;
    }

    @GetMapping("/api/v1/cluster/nodes")
    ClusterNodesResponse nodes() {
        long revision = changeLog.currentRevision();
        return new ClusterNodesResponse(
                revision,
                membership.nodes(revision).stream()
                        .map(ClusterNodesResponse.NodeResponse::from)
                        .toList());
    }
}
