package io.toolcatalog.core.cluster;

import io.toolcatalog.core.change.ReloadTrigger;
import java.util.UUID;

/**
 * An explicit reload, asked of this node (manual, webhook, periodic, startup) or, through the
 * {@link ReloadBroadcaster}, of every node. {@code toolName} null means the whole
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

    /** A reload of the whole catalog on behalf of the system, with a fresh {@code reloadId}. */
    public static ReloadRequest of(ReloadTrigger trigger, String originNode, String reason) {
        return new ReloadRequest(trigger, null, "system", "system", reason, UUID.randomUUID(), originNode);
    }

    /**
     * A reload {@code principal} asked for (manual, webhook), with a fresh {@code reloadId}: a blank
     * {@code triggeredBy} is the principal, a blank {@code reason} is {@code defaultReason}.
     */
    public static ReloadRequest asked(
            ReloadTrigger trigger,
            String toolName,
            String triggeredBy,
            String principal,
            String reason,
            String defaultReason,
            String originNode) {
        return new ReloadRequest(
                trigger,
                toolName,
                triggeredBy == null || triggeredBy.isBlank() ? principal : triggeredBy,
                principal,
                reason == null || reason.isBlank() ? defaultReason : reason,
                UUID.randomUUID(),
                originNode);
    }
}
