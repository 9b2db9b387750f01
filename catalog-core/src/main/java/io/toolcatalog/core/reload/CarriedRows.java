package io.toolcatalog.core.reload;

import io.toolcatalog.core.change.RevisionRows;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * When a peer's carried rows are applied without reading the database: only when they come from a
 * member (signed with the cluster's key: only a node that committed the revision sends it) and
 * chain (this node is at exactly their {@code fromRevision}, checked again under the reloader's
 * lock, which is waited for briefly). Unsigned rows are never applied: anyone who can publish on
 * the channel could send them, and a revision the database has committed says nothing about the
 * rows a stranger attached to it, so an unsigned message only rings the doorbell.
 */
final class CarriedRows {

    private final AppliedState state;
    private final SnapshotLoads loads;
    private final ReentrantLock lock;

    CarriedRows(AppliedState state, SnapshotLoads loads, ReentrantLock lock) {
        this.state = state;
        this.loads = loads;
        this.lock = lock;
    }

    /** Applies {@code rows} when they come from a member and chain; false when it did nothing. */
    boolean apply(RevisionRows rows, boolean fromMember, Duration lockWait) {
        if (!fromMember || !chains(rows)) {
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

    /** Runs {@code work} holding the lock when it is free right now; false, having run nothing, when not. */
    boolean tryExclusively(Runnable work) {
        if (!lock.tryLock()) {
            return false;
        }
        try {
            work.run();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The empty snapshot before the first load is no revision's state: rows never apply to it. */
    private boolean chains(RevisionRows rows) {
        return state.isLoaded() && state.applied() == rows.fromRevision();
    }
}
