package io.toolcatalog.core.history;

import io.toolcatalog.core.tool.ReloadTrigger;
import java.time.Instant;
import java.util.UUID;

/**
 * One reload one node performed. The seed's fields come first; then where it happened, which
 * change it applied ({@code reloadId} and {@code revision} are the same on every node for one
 * change) and how long that change took to reach this node ({@code propagationMs}, from commit).
 */
public record ReloadEvent(
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
        String principal) {}
