package io.toolcatalog.node.catalog;

import io.toolcatalog.core.store.CatalogDelta;
import io.toolcatalog.core.store.CatalogImage;
import io.toolcatalog.core.store.CatalogSource;
import io.toolcatalog.core.store.RevisionDigest;
import io.toolcatalog.node.health.CatalogHealthDetails;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's sync reads, watched: every catch-up and revision poll tells whether PostgreSQL
 * answered, so the {@code catalog} health component can say the database is down (and since when)
 * while the node keeps serving its last snapshot. Logs once when the database goes and once when
 * it comes back, not on every failed poll.
 */
final class DatabaseWatch implements CatalogSource, CatalogHealthDetails {

    private static final Logger log = LoggerFactory.getLogger(DatabaseWatch.class);

    private final CatalogSource reads;
    private final Clock clock;
    private volatile Instant downSince;
    private volatile String lastError;
    private final LongAdder outages = new LongAdder();

    DatabaseWatch(CatalogSource reads, Clock clock) {
        this.reads = reads;
        this.clock = clock;
    }

    @Override
    public long revision() {
        return watched(reads::revision);
    }

    @Override
    public CatalogImage readAll() {
        return watched(reads::readAll);
    }

    @Override
    public CatalogDelta readSince(long applied, int maxNames, Collection<String> alsoReread) {
        return watched(() -> reads.readSince(applied, maxNames, alsoReread));
    }

    @Override
    public RevisionDigest digest() {
        return watched(reads::digest);
    }

    /** Null while the database answers. */
    Instant downSince() {
        return downSince;
    }

    /** Times the database went from answering to not answering since the node started. */
    long outages() {
        return outages.sum();
    }

    @Override
    public void contribute(Map<String, Object> details) {
        Map<String, Object> database = new LinkedHashMap<>();
        Instant since = downSince;
        database.put("status", since == null ? "UP" : "DOWN");
        if (since != null) {
            database.put("down_since", since);
            database.put("error", lastError);
        }
        details.put("database", database);
    }

    private <T> T watched(Supplier<T> read) {
        try {
            T result = read.get();
            if (downSince != null) {
                log.info("Database reachable again after being down since {}", downSince);
                downSince = null;
                lastError = null;
            }
            return result;
        } catch (RuntimeException e) {
            lastError = e.getClass().getSimpleName();
            if (downSince == null) {
                downSince = clock.instant();
                outages.increment();
                log.warn("Database unreachable ({}); serving the last snapshot", lastError);
            }
            throw e;
        }
    }
}
