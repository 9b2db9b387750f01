package io.toolcatalog.core.change;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One committed revision of the catalog, as the change log records it. Every node that applies
 * it reports the same {@code reloadId}, so one change can be followed across the cluster. {@code
 * changeRequestId} names the change request the revision published (null for a direct write).
 */
public record CommittedChange(
        long revision,
        List<String> toolNames,
        String operation,
        ReloadTrigger trigger,
        String triggeredBy,
        String principal,
        String reason,
        UUID reloadId,
        String originNode,
        Instant committedAt,
        Long changeRequestId) {

    public CommittedChange {
        toolNames = List.copyOf(toolNames);
    }

    /** A direct write's change: no change request. */
    public CommittedChange(
            long revision,
            List<String> toolNames,
            String operation,
            ReloadTrigger trigger,
            String triggeredBy,
            String principal,
            String reason,
            UUID reloadId,
            String originNode,
            Instant committedAt) {
        this(
                revision,
                toolNames,
                operation,
                trigger,
                triggeredBy,
                principal,
                reason,
                reloadId,
                originNode,
                committedAt,
                null);
    }
}
