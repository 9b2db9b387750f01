package io.toolcatalog.core.reload;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The reloader's state, which readers see through {@link AppliedCatalog}: the snapshot, whether a
 * first one was loaded, when it was last verified against the database, the database revision last
 * seen, and the signal that wakes readers waiting for a revision. Only the reloader writes it, under
 * its lock; every field is read without one.
 */
final class AppliedState {

    private final Clock clock;
    private final Object progress = new Object();
    private volatile CatalogSnapshot snapshot = CatalogSnapshot.empty();
    private volatile boolean loaded;
    private volatile Instant lastVerifiedAt;
    private volatile long databaseRevision;

    AppliedState(Clock clock) {
        this.clock = clock;
    }

    CatalogSnapshot snapshot() {
        return snapshot;
    }

    long applied() {
        return snapshot.revision();
    }

    /** Whether this node serves {@code revision} or a later one: the one "already applied" check. */
    boolean isApplied(long revision) {
        return applied() >= revision;
    }

    boolean isLoaded() {
        return loaded;
    }

    Instant lastVerifiedAt() {
        return lastVerifiedAt;
    }

    long lag() {
        return Math.max(0, databaseRevision - applied());
    }

    long knownDatabaseRevision() {
        return Math.max(databaseRevision, applied());
    }

    /** The database's revision, as a read just saw it. */
    void databaseAt(long revision) {
        databaseRevision = revision;
    }

    /** The snapshot equals the database's as of now. */
    void verified() {
        lastVerifiedAt = clock.instant();
    }

    /** Serves {@code next} from now on, wakes whoever waits for it, and returns the one it replaced. */
    CatalogSnapshot swap(CatalogSnapshot next) {
        CatalogSnapshot previous = snapshot;
        snapshot = next;
        databaseRevision = Math.max(databaseRevision, next.revision());
        loaded = true;
        verified();
        synchronized (progress) {
            progress.notifyAll();
        }
        return previous;
    }

    /** Sleeps until {@code revision} is applied or {@code timeout} runs out; false when it ran out. */
    boolean awaitRevision(long revision, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (!isApplied(revision)) {
                long remainingMs = (deadline - System.nanoTime()) / 1_000_000;
                if (remainingMs <= 0) {
                    return false;
                }
                try {
                    progress.wait(remainingMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return isApplied(revision);
                }
            }
            return true;
        }
    }
}
