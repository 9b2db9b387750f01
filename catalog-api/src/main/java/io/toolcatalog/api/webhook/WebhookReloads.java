package io.toolcatalog.api.webhook;

import io.toolcatalog.api.reload.ReloadResponse;
import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.cluster.NodeIdentity;
import io.toolcatalog.core.cluster.ReloadRequest;
import io.toolcatalog.core.reload.ClusterReloads;
import io.toolcatalog.core.tool.ToolValidator;
import java.time.Duration;

/**
 * The cluster reload a webhook asks for, on behalf of the {@code webhook} principal: what it names
 * is checked as a manual reload's is, then this node reloads and asks every other node to.
 */
final class WebhookReloads {

    private static final String PRINCIPAL = "webhook";

    private final ToolValidator validator;
    private final NodeIdentity node;
    private final ClusterReloads reloads;

    WebhookReloads(ToolValidator validator, NodeIdentity node, ClusterReloads reloads) {
        this.validator = validator;
        this.node = node;
        this.reloads = reloads;
    }

    /** 400 naming the field when the tool name, {@code triggered_by} or the reason is not acceptable. */
    void check(WebhookPayload payload) {
        if (payload.toolName() != null) {
            validator.checkName("tool_name", payload.toolName());
        }
        validator.checkActor("triggered_by", payload.triggeredBy());
        validator.checkReason(payload.reason());
    }

    ReloadResponse reload(WebhookPayload payload) {
        ReloadRequest request = ReloadRequest.asked(
                ReloadTrigger.WEBHOOK,
                payload.toolName(),
                payload.triggeredBy(),
                PRINCIPAL,
                payload.reason(),
                "Webhook",
                node.nodeId());
        return ReloadResponse.from(reloads.reload(request, true, Duration.ZERO), false);
    }
}
