package io.toolcatalog.api.cluster;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.toolcatalog.api.openapi.ApiTags;
import io.toolcatalog.core.cluster.Membership;
import io.toolcatalog.core.store.CommittedCatalog;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /cluster/nodes}: lag is measured against the database's revision, read once. */
@RestController
@Tag(name = ApiTags.CLUSTER)
class ClusterController {

    private final Membership membership;
    private final CommittedCatalog committed;

    ClusterController(Membership membership, CommittedCatalog committed) {
        this.membership = membership;
        this.committed = committed;
    }

    @GetMapping("/api/v1/cluster/nodes")
    @Operation(
            summary = "List the cluster's nodes",
            description = "Every node heard from: status (down after missed heartbeats), applied revision, lag"
                    + " behind the database's revision, and the digest of its snapshot to compare nodes cheaply.")
    @ApiResponse(responseCode = "200", description = "The database's revision and every node")
    ClusterNodesResponse nodes() {
        long revision = committed.revision();
        return new ClusterNodesResponse(revision, membership.nodes(revision));
    }
}
