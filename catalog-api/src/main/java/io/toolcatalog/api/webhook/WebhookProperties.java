package io.toolcatalog.api.webhook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The reload webhook ({@code catalog.webhook.*}).
 *
 * @param secret the HMAC-SHA256 key ({@code CATALOG_WEBHOOK_SECRET}); the endpoint answers 404 while unset
 * @param tolerance how far a request's {@code timestamp} may be from now, either way
 * @param replayCapacity how many used signatures the in-memory replay guard remembers
 */
@ConfigurationProperties("catalog.webhook")
record WebhookProperties(
        String secret, @DefaultValue("5m") Duration tolerance, @DefaultValue("10000") int replayCapacity) {}
