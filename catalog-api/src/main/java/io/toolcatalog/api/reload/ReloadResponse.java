package io.toolcatalog.api.reload;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.history.ReloadEvent;
import io.toolcatalog.core.reload.ClusterReload;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The answer to an explicit reload (manual or webhook): the predecessor's fields for this node's own
 * reload, then where it ran and, when the caller waited, each live node's outcome. Public because
 * the webhook answers with it too.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record ReloadResponse(
        boolean success,
        ReloadTrigger trigger,
        @JsonInclude(JsonInclude.Include.ALWAYS) String toolName,
        String triggeredBy,
        Instant timestamp,
        double durationMs,
        @JsonInclude(JsonInclude.Include.ALWAYS) String errorMessage,
        UUID reloadId,
        String nodeId,
        long revision,
        String scope,
        List<NodeOutcome> nodes,
        List<String> missingNodes) {

    /** {@code waited}: whether the caller asked for every node's outcome. */
    public static ReloadResponse from(ClusterReload reload, boolean waited) {
        ReloadEvent local = reload.local();
        return new ReloadResponse(
                local.success(),
                local.trigger(),
                local.toolName(),
                local.triggeredBy(),
                local.timestamp(),
                local.durationMs(),
                local.errorMessage(),
                local.reloadId(),
                local.nodeId(),
                local.revision(),
                reload.clusterScope() ? "cluster" : "node",
                waited ? reload.outcomes().stream().map(NodeOutcome::from).toList() : null,
                waited ? List.copyOf(reload.missing()) : null);
    }

    /** One node's reload, as {@code nodes} lists it. */
    record NodeOutcome(
            String nodeId,
            boolean success,
            double durationMs,
            long revision,
            @JsonInclude(JsonInclude.Include.ALWAYS) String errorMessage) {

        static NodeOutcome from(ReloadEvent event) {
            return new NodeOutcome(
                    event.nodeId(), event.success(), event.durationMs(), event.revision(), event.errorMessage());
        }
    }
}
