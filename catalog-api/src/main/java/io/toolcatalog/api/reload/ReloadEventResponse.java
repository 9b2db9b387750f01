package io.toolcatalog.api.reload;

import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.history.ReloadEvent;
import io.toolcatalog.core.history.ReloadKind;
import java.time.Instant;
import java.util.UUID;

/** One entry of the reload history: the predecessor's fields first, then the cluster's (docs/ARCHITECTURE.md, Reload history). */
record ReloadEventResponse(
        ReloadTrigger trigger,
        String toolName,
        String triggeredBy,
        String reason,
        Instant timestamp,
        boolean success,
        String errorMessage,
        double durationMs,
        String nodeId,
        String originNode,
        UUID reloadId,
        long fromRevision,
        long revision,
        ReloadKind kind,
        int toolsChanged,
        Double propagationMs,
        String principal,
        Long changeRequestId) {

    static ReloadEventResponse from(ReloadEvent event) {
        return new ReloadEventResponse(
                event.trigger(),
                event.toolName(),
                event.triggeredBy(),
                event.reason(),
                event.timestamp(),
                event.success(),
                event.errorMessage(),
                event.durationMs(),
                event.nodeId(),
                event.originNode(),
                event.reloadId(),
                event.fromRevision(),
                event.revision(),
                event.kind(),
                event.toolsChanged(),
                event.propagationMs(),
                event.principal(),
                event.changeRequestId());
    }
}
