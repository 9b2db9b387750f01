package io.toolcatalog.core.history;

import io.toolcatalog.core.change.ReloadTrigger;
import java.time.Instant;
import java.util.UUID;

/** Filters of {@code GET /tools/reload/history}; a null filter matches everything. */
public record HistoryQuery(
        int limit, ReloadTrigger trigger, String node, String toolName, Instant since, UUID reloadId) {

    public static HistoryQuery latest(int limit) {
        return new HistoryQuery(limit, null, null, null, null, null);
    }

    /** The events of one explicit reload, which no node can have recorded before {@code since}. */
    public static HistoryQuery forReload(UUID reloadId, Instant since, int limit) {
        return new HistoryQuery(limit, null, null, null, since, reloadId);
    }

    public boolean matches(ReloadEvent event) {
        return (trigger == null || trigger == event.trigger())
                && (node == null || node.equals(event.nodeId()))
                && (toolName == null || toolName.equals(event.toolName()))
                && (since == null || !event.timestamp().isBefore(since))
                && (reloadId == null || reloadId.equals(event.reloadId()));
    }
}
