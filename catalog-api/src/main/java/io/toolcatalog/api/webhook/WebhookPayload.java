package io.toolcatalog.api.webhook;

/** The webhook's body: when it was sent (epoch seconds), and optionally what to reload and why. */
record WebhookPayload(Long timestamp, String toolName, String reason, String triggeredBy) {}
