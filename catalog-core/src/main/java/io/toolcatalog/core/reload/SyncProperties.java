package io.toolcatalog.core.reload;

import io.toolcatalog.core.settings.SettingsDefaults;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a node keeps its snapshot in step with PostgreSQL ({@code catalog.sync.*}).
 *
 * @param pollInterval how often the revision poll runs: the safety net for lost messages
 * @param maxStaleness past this without a verified revision the node reports OUT_OF_SERVICE
 *     ({@code TOOL_CATALOG_CACHE_TTL} sets it in seconds)
 * @param fullReloadThreshold a catch-up touching more names than this reloads everything
 * @param minRevisionWait longest a read with {@code X-Catalog-Min-Revision} waits
 * @param readAttempts tries of one reload read before the reload fails
 * @param readBackoff pause before the second try, doubled for each further one
 * @param changeLogRetention how long the change log keeps entries
 * @param digestCheckInterval how often the poll also compares the snapshot's digest with the
 *     database's at the same revision, and reloads everything when they differ
 * @param maxRevisionWaiters reads that may wait for {@code X-Catalog-Min-Revision} at once; each holds
 *     a request thread, so keep it well below the server's thread count; past it the answer is 503
 * @param connections size of the connection pool of the node's own sync (catch-up, revision poll),
 *     kept apart from the writers' pool so a node never queues its sync behind writes; three
 *     covers what can run at once: a catch-up, a poll and one shared min-revision check
 */
@ConfigurationProperties("catalog.sync")
public record SyncProperties(
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("30s") Duration maxStaleness,
        @DefaultValue("1000") int fullReloadThreshold,
        @DefaultValue("5s") Duration minRevisionWait,
        @DefaultValue("3") int readAttempts,
        @DefaultValue("50ms") Duration readBackoff,
        @DefaultValue("7d") Duration changeLogRetention,
        @DefaultValue("1m") Duration digestCheckInterval,
        @DefaultValue("100") int maxRevisionWaiters,
        @DefaultValue("3") int connections) {

    /** Every setting at its default: what binding no properties at all gives. */
    public static SyncProperties defaults() {
        return SettingsDefaults.of(SyncProperties.class);
    }
}
