package io.toolcatalog.core.reload;

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

    public static ReloadRequest of(ReloadTrigger trigger, String originNode, String reason) {
        return new ReloadRequest(trigger, null, "system", "system", reason, UUID.randomUUID(), originNode);
    }
}
