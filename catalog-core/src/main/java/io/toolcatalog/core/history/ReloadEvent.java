package io.toolcatalog.core.history;

import io.toolcatalog.core.change.ReloadTrigger;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * One reload one node performed. The predecessor's fields come first; then where it happened, which
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
        String principal,
        Long changeRequestId) {

    /**
     * A reload that swapped in a new snapshot. Names one tool when exactly one changed, else the one
     * the cause asked for; it succeeded unless a handler failed ({@code handlerErrors}).
     */
    public static ReloadEvent applied(
            ReloadCause cause,
            String nodeId,
            Instant at,
            double durationMs,
            long fromRevision,
            long revision,
            ReloadKind kind,
            Set<String> changedNames,
            Double propagationMs,
            String handlerErrors) {
        return new ReloadEvent(
                cause.trigger(),
                changedNames.size() == 1 ? changedNames.iterator().next() : cause.toolName(),
                cause.triggeredBy(),
                cause.reason(),
                at,
                handlerErrors == null,
                handlerErrors,
                durationMs,
                nodeId,
                cause.originNode(),
                cause.reloadId(),
                fromRevision,
                revision,
                kind,
                changedNames.size(),
                propagationMs,
                cause.principal(),
                cause.changeRequestId());
    }

    /** A reload that could not read the database: the node kept serving {@code fromRevision}. */
    public static ReloadEvent failed(
            ReloadCause cause, String nodeId, Instant at, double durationMs, long fromRevision, String error) {
        return new ReloadEvent(
                cause.trigger(),
                cause.toolName(),
                cause.triggeredBy(),
                cause.reason(),
                at,
                false,
                error,
                durationMs,
                nodeId,
                cause.originNode(),
                cause.reloadId(),
                fromRevision,
                fromRevision,
                cause.toolName() == null ? ReloadKind.FULL : ReloadKind.PARTIAL,
                0,
                null,
                cause.principal(),
                cause.changeRequestId());
    }
}
