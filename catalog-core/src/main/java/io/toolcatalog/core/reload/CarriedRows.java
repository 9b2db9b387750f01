package io.toolcatalog.core.reload;

import io.toolcatalog.core.change.RevisionRows;
import io.toolcatalog.core.store.CatalogSource;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a peer's carried rows are applied without reading the database: only when they chain (this
 * node is at exactly their {@code fromRevision}, checked again under the reloader's lock, which is
 * waited for briefly) and the database is known to have committed their revision. It is known when
 * the message came from a member (signed with the cluster's key: only a node that committed the
 * revision sends it), when an earlier read already saw the revision, or else from one {@code SELECT
 * revision}, which also confirms every later message up to the revision it returns. So a message
 * naming a revision the database has not committed is never served, and never reaches a watcher.
 */
final class CarriedRows {

    private static final Logger log = LoggerFactory.getLogger(CarriedRows.class);

    private final CatalogSource reads;
    private final AppliedState state;
    private final SnapshotLoads loads;
    private final ReentrantLock lock;
    private final boolean enabled;

    CarriedRows(CatalogSource reads, AppliedState state, SnapshotLoads loads, ReentrantLock lock, boolean enabled) {
        this.reads = reads;
        this.state = state;
        this.loads = loads;
        this.lock = lock;
        this.enabled = enabled;
    }

    /** Applies {@code rows} when they chain and are confirmed; false when it did nothing. */
    boolean apply(RevisionRows rows, boolean fromMember, Duration lockWait) {
        if (!chains(rows) || !(fromMember || committed(rows.revision()))) {
            return false;
        }
        try {
            if (!lock.tryLock(lockWait.toNanos(), TimeUnit.NANOSECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            if (!chains(rows)) {
                return false;
            }
            loads.applyRows(rows);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The empty snapshot before the first load is no revision's state: rows never apply to it. */
    private boolean chains(RevisionRows rows) {
        return enabled && state.isLoaded() && state.applied() == rows.fromRevision();
    }

    private boolean committed(long revision) {
        if (state.knownDatabaseRevision() >= revision) {
            return true;
        }
        try {
            long database = reads.revision();
            state.databaseAt(database);
            if (database < revision) {
                log.warn("A message carried revision {} but the database is at {}: not applied", revision, database);
            }
            return database >= revision;
        } catch (RuntimeException e) {
            log.debug("Cannot confirm carried revision {}: {}", revision, e.toString());
            return false;
        }
    }
}
