package io.toolcatalog.core.history;

import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.cluster.ReloadRequest;
import java.util.UUID;

/**
 * Why a node reloaded and on whose behalf: the part of a {@link ReloadEvent} that every node
 * applying the same change or request reports alike. An explicit reload's cause is its request; a
 * catch-up's is the last logged change it applied, or a sync or repair when there is none.
 * {@code toolName} null means the whole catalog; {@code changeRequestId} names the change request
 * the applied revision published, if one did.
 */
public record ReloadCause(
        ReloadTrigger trigger,
        String toolName,
        String triggeredBy,
        String principal,
        String reason,
        UUID reloadId,
        String originNode,
        Long changeRequestId) {

    /** An explicit reload (manual, webhook, periodic, startup), as asked. */
    public static ReloadCause requested(ReloadRequest request) {
        return new ReloadCause(
                request.trigger(),
                request.toolName(),
                request.triggeredBy(),
                request.principal(),
                request.reason(),
                request.reloadId(),
                request.originNode(),
                null);
    }

    /** A catch-up that applied a logged change carries that change's identity. */
    public static ReloadCause change(CommittedChange change) {
        return new ReloadCause(
                change.trigger(),
                null,
                change.triggeredBy(),
                change.principal(),
                change.reason(),
                change.reloadId(),
                change.originNode(),
                change.changeRequestId());
    }

    /** A catch-up that found the database moved without a logged change (or could not read it). */
    public static ReloadCause sync(String nodeId) {
        return system("catch-up with the database", nodeId);
    }

    /** The full reload of a snapshot whose digest differed from the database's at its own revision. */
    public static ReloadCause repair(String nodeId) {
        return system("repair: snapshot digest differed from the database's", nodeId);
    }

    private static ReloadCause system(String reason, String nodeId) {
        return new ReloadCause(ReloadTrigger.SYNC, null, "system", "system", reason, UUID.randomUUID(), nodeId, null);
    }
}
