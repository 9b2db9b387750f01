package io.toolcatalog.client.spring;

import io.toolcatalog.client.CatalogClient;
import io.toolcatalog.client.CatalogClientStatus;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * The {@code catalogClient} health component. UP while the client serves a catalog, whether it
 * follows a node or serves from its cache file with every node down (the application keeps
 * working either way); OUT_OF_SERVICE only when {@code catalog.client.max-staleness} is set and the
 * client has not heard from a node for longer; UNKNOWN before the client has a state.
 */
public class CatalogClientHealthIndicator implements HealthIndicator {

    private final CatalogClient client;
    private final Duration maxStaleness;

    /**
     * A health indicator for {@code client}.
     *
     * @param client the client
     * @param maxStaleness the longest time without hearing from a node that is still UP, or {@code null} for no limit
     */
    public CatalogClientHealthIndicator(CatalogClient client, Duration maxStaleness) {
        this.client = client;
        this.maxStaleness = maxStaleness;
    }

    @Override
    public Health health() {
        CatalogClientStatus status = client.status();
        Status state;
        if (status.source() == CatalogClientStatus.Source.NONE) {
            state = Status.UNKNOWN;
        } else if (maxStaleness != null && status.lastEventAge().compareTo(maxStaleness) > 0) {
            state = Status.OUT_OF_SERVICE;
        } else {
            state = Status.UP;
        }
        return Health.status(state)
                .withDetail("connected", status.connected())
                .withDetail("source", status.source().name().toLowerCase(Locale.ROOT))
                .withDetail("revision", status.revision())
                .withDetail("last_event_age", status.lastEventAge().toString())
                .withDetail("node", String.valueOf(status.node()))
                .withDetail("lag", status.lag())
                .withDetail("reconnects", status.reconnects())
                .withDetail("view", status.view())
                .build();
    }
}
