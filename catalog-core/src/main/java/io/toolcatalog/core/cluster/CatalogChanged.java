package io.toolcatalog.core.cluster;

import io.toolcatalog.core.reload.ReloadTrigger;
import io.toolcatalog.core.tool.CatalogChange;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The doorbell a node rings after it commits a change. Receivers only learn that {@code revision}
 * exists; they always re-read the state from PostgreSQL. {@code tools} is capped, for logs only.
 */
public record CatalogChanged(
        long revision,
        List<String> tools,
        String operation,
        ReloadTrigger trigger,
        String originNode,
        String triggeredBy,
        String reason,
        UUID reloadId,
        Instant committedAt) {

    private static final int MAX_NAMES = 20;

    public static CatalogChanged of(CatalogChange change) {
        List<String> names = change.toolNames();
        return new CatalogChanged(
                change.revision(),
                names.size() <= MAX_NAMES ? names : names.subList(0, MAX_NAMES),
                change.operation(),
                change.trigger(),
                change.originNode(),
                change.triggeredBy(),
                change.reason(),
                change.reloadId(),
                change.committedAt());
    }
}
