package io.toolcatalog.core.cluster;

import io.toolcatalog.core.tool.CatalogChange;
import io.toolcatalog.core.tool.ReloadTrigger;
import java.util.UUID;

/**
 * An explicit reload: manual, webhook, periodic or startup. {@code toolName} null means the whole
 * catalog. The same {@code reloadId} is recorded by every node that performs it.
 */
public record ReloadRequest(
        ReloadTrigger trigger,
        String toolName,
        String triggeredBy,
        String principal,
        String reason,
        UUID reloadId,
        String originNode) {

    /** The catch-up that applies a logged change carries that change's identity. */
    public static ReloadRequest of(CatalogChange change) {
        return new ReloadRequest(
                change.trigger(),
                null,
                change.triggeredBy(),
                change.principal(),
                change.reason(),
                change.reloadId(),
                change.originNode());
    }

    /** A catch-up that found the database moved without a logged change (or could not read it). */
    public static ReloadRequest sync(String nodeId) {
        return new ReloadRequest(
                ReloadTrigger.SYNC, null, "system", "system", "catch-up with the database", UUID.randomUUID(), nodeId);
    }

    /** The full reload of a snapshot whose digest differed from the database's at its own revision. */
    public static ReloadRequest repair(String nodeId) {
        return new ReloadRequest(
                ReloadTrigger.SYNC,
                null,
                "system",
                "system",
                "repair: snapshot digest differed from the database's",
                UUID.randomUUID(),
                nodeId);
    }

    public static ReloadRequest of(ReloadTrigger trigger, String originNode, String reason) {
        return new ReloadRequest(trigger, null, "system", "system", reason, UUID.randomUUID(), originNode);
    }
}
