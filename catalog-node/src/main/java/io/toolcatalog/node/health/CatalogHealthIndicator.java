package io.toolcatalog.node.health;

import io.toolcatalog.core.reload.AppliedCatalog;
import io.toolcatalog.core.reload.CatalogSnapshot;
import io.toolcatalog.core.reload.SyncProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * The {@code catalog} health component: DOWN until the first snapshot is loaded, OUT_OF_SERVICE
 * when the node has not verified its revision for {@code catalog.sync.max-staleness} (it would be
 * serving data it cannot vouch for), UP otherwise. Part of the readiness group.
 */
@Component("catalog")
class CatalogHealthIndicator extends AbstractHealthIndicator {

    private final AppliedCatalog catalog;
    private final SyncProperties sync;
    private final Clock clock;
    private final ObjectProvider<CatalogHealthDetails> contributors;

    CatalogHealthIndicator(
            AppliedCatalog catalog,
            SyncProperties sync,
            Clock clock,
            ObjectProvider<CatalogHealthDetails> contributors) {
        super("Catalog health check failed");
        this.catalog = catalog;
        this.sync = sync;
        this.clock = clock;
        this.contributors = contributors;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        CatalogSnapshot snapshot = catalog.snapshot();
        Instant verified = catalog.lastVerifiedAt();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("revision", snapshot.revision());
        details.put("lag", catalog.lag());
        details.put("tools", snapshot.size());
        details.put("digest", snapshot.digest());
        details.put("last_sync", verified);
        contributors.orderedStream().forEach(c -> c.contribute(details));
        if (!catalog.isLoaded() || verified == null) {
            builder.down().withDetails(details).withDetail("reason", "first snapshot not loaded yet");
            return;
        }
        Duration since = Duration.between(verified, clock.instant());
        details.put("ms_since_last_sync", since.toMillis());
        if (since.compareTo(sync.maxStaleness()) > 0) {
            builder.outOfService()
                    .withDetails(details)
                    .withDetail("reason", "revision not verified for more than " + sync.maxStaleness());
            return;
        }
        builder.up().withDetails(details);
    }
}
