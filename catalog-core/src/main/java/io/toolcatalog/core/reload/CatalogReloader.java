package io.toolcatalog.core.reload;

import io.toolcatalog.core.cluster.NodeIdentity;
import io.toolcatalog.core.cluster.ReloadRequest;
import io.toolcatalog.core.concurrent.Sleeper;
import io.toolcatalog.core.error.Incident;
import io.toolcatalog.core.history.ReloadCause;
import io.toolcatalog.core.history.ReloadEvent;
import io.toolcatalog.core.history.ReloadEventListener;
import io.toolcatalog.core.history.ReloadKind;
import io.toolcatalog.core.tool.CatalogChange;
import io.toolcatalog.core.tool.CatalogDelta;
import io.toolcatalog.core.tool.CatalogImage;
import io.toolcatalog.core.tool.CatalogSource;
import io.toolcatalog.core.tool.RevisionDigest;
import io.toolcatalog.core.tool.RevisionRows;
import io.toolcatalog.core.tool.Tool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's {@link CatalogSnapshot} equal to the {@code tools} table as of the applied
 * revision. Every reload runs under one lock (single flight); doorbells that arrive while one runs
 * coalesce into at most one more run. A reload that fails keeps the last good snapshot. A change
 * whose rows are known (this node's own commit, or carried by a peer's message) is applied from
 * them, without a read, when this node is at exactly the revision they apply to.
 */
public final class CatalogReloader {

    private static final Logger log = LoggerFactory.getLogger(CatalogReloader.class);

    private final CatalogSource reads;
    private final ReloadListeners listeners;
    private final NodeIdentity node;
    private final SyncProperties sync;
    private final Clock clock;
    private final Executor doorbellExecutor;
    private final Sleeper sleeper;
    private final boolean applyRows;

    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicBoolean catchUpQueued = new AtomicBoolean();
    private final AtomicLong repairs = new AtomicLong();
    private final Object progress = new Object();
    private volatile CatalogSnapshot snapshot = CatalogSnapshot.empty();
    private volatile boolean loaded;
    private volatile Instant lastVerifiedAt;
    private volatile long databaseRevision;

    public CatalogReloader(
            CatalogSource reads,
            List<ReloadHandler> handlers,
            List<ReloadEventListener> eventListeners,
            NodeIdentity node,
            SyncProperties sync,
            Clock clock,
            Executor doorbellExecutor,
            Sleeper sleeper) {
        this(reads, handlers, eventListeners, node, sync, clock, doorbellExecutor, sleeper, true);
    }

    /**
     * With {@code applyRows} false, known rows are ignored and every change is re-read from the
     * database, as nodes did before changes were carried (to compare, or to turn the feature off).
     */
    public CatalogReloader(
            CatalogSource reads,
            List<ReloadHandler> handlers,
            List<ReloadEventListener> eventListeners,
            NodeIdentity node,
            SyncProperties sync,
            Clock clock,
            Executor doorbellExecutor,
            Sleeper sleeper,
            boolean applyRows) {
        this.applyRows = applyRows;
        this.reads = reads;
        this.listeners = new ReloadListeners(handlers, eventListeners);
        this.node = node;
        this.sync = sync;
        this.clock = clock;
        this.doorbellExecutor = doorbellExecutor;
        this.sleeper = sleeper;
    }

    public CatalogSnapshot snapshot() {
        return snapshot;
    }

    public long applied() {
        return snapshot.revision();
    }

    /** True once a first snapshot was loaded: the node may take traffic. */
    public boolean isLoaded() {
        return loaded;
    }

    /** When this node last confirmed its snapshot matches the database's revision; null if never. */
    public Instant lastVerifiedAt() {
        return lastVerifiedAt;
    }

    /** How many revisions the database was ahead of this node when last looked at. */
    public long lag() {
        return Math.max(0, databaseRevision - applied());
    }

    /**
     * How many times the digest check found the snapshot differing from the database at its own
     * revision; each time a full reload follows.
     */
    public long repairs() {
        return repairs.get();
    }

    public int handlerCount() {
        return listeners.handlerCount();
    }

    /**
     * A doorbell (a pub/sub message, a poll that saw a newer revision): schedules a catch-up unless
     * {@code revision} is already applied. Returns at once.
     */
    public void ring(long revision) {
        if (revision <= applied()) {
            log.debug("Ignoring revision {}: already applied {}", revision, applied());
            return;
        }
        requestCatchUp();
    }

    /** Schedules a catch-up; requests made while one is queued or running coalesce. */
    public void requestCatchUp() {
        if (catchUpQueued.compareAndSet(false, true)) {
            doorbellExecutor.execute(() -> {
                catchUpQueued.set(false);
                catchUp();
            });
        }
    }

    /**
     * Catches up now; returns once {@code revision} is applied or the catch-up failed. Writers
     * waiting here coalesce: whoever holds the lock applies everything committed so far, and the
     * writers behind it find their revision applied and return without another read.
     */
    public void catchUpTo(long revision) {
        if (applied() >= revision) {
            return;
        }
        lock.lock();
        try {
            if (applied() < revision) {
                catchUp();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * After a commit on this node: applies the commit's own rows when this node is at the revision
     * they apply to, else catches up as {@link #catchUpTo(long)} does. Returns once the revision is
     * applied or the catch-up failed.
     */
    public void catchUpTo(RevisionRows rows) {
        if (!applyRows) {
            catchUpTo(rows.revision());
            return;
        }
        if (applied() >= rows.revision()) {
            return;
        }
        lock.lock();
        try {
            if (applied() == rows.fromRevision()) {
                applyRowsLocked(rows);
            } else if (applied() < rows.revision()) {
                catchUp();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * A peer's change with its rows: applies them without reading the database when this node is at
     * exactly their {@code fromRevision}, re-checked under the lock, which it waits for at most
     * {@code lockWait}. Returns false when it did nothing (behind, ahead, busy, or rows turned off):
     * the caller then rings for a catch-up as for any doorbell.
     */
    public boolean applyCarried(RevisionRows rows, Duration lockWait) {
        if (!atRevisionBefore(rows)) {
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
            if (!atRevisionBefore(rows)) {
                return false;
            }
            applyRowsLocked(rows);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The empty snapshot before the first load is no revision's state: rows never apply to it. */
    private boolean atRevisionBefore(RevisionRows rows) {
        return applyRows && loaded && applied() == rows.fromRevision();
    }

    private void applyRowsLocked(RevisionRows rows) {
        long start = System.nanoTime();
        long from = applied();
        CatalogSnapshot next = snapshot.apply(rows.revision(), rows.changed(), rows.removed());
        CatalogChange change = rows.change();
        swap(
                start,
                from,
                next,
                namesOf(rows.changed(), rows.removed()),
                ReloadKind.PARTIAL,
                ReloadCause.change(change),
                change);
    }

    /**
     * Brings the snapshot to the database's revision: the changed names only when the change log
     * covers the gap, everything otherwise. Returns the event, or null when nothing had changed.
     */
    public ReloadEvent catchUp() {
        lock.lock();
        try {
            long from = applied();
            long start = System.nanoTime();
            CatalogDelta delta;
            try {
                delta = withRetries(() -> reads.readSince(from, sync.fullReloadThreshold(), List.of()));
            } catch (RuntimeException e) {
                return failed(start, from, ReloadCause.sync(node.nodeId()), e);
            }
            databaseRevision = delta.revision();
            if (delta.revision() == from) {
                verified();
                return null;
            }
            CatalogChange change = delta.lastChange();
            ReloadCause cause = change == null ? ReloadCause.sync(node.nodeId()) : ReloadCause.change(change);
            if (delta.complete()) {
                CatalogSnapshot next = snapshot.apply(delta.revision(), delta.changed(), delta.removed());
                Set<String> names = namesOf(delta.changed(), delta.removed());
                return swap(start, from, next, names, ReloadKind.PARTIAL, cause, change);
            }
            return fullReload(start, from, cause);
        } finally {
            lock.unlock();
        }
    }

    /** An explicit reload of everything, or of one tool (after catching up to the database). */
    public ReloadEvent reload(ReloadRequest request) {
        ReloadCause cause = ReloadCause.requested(request);
        lock.lock();
        try {
            long from = applied();
            long start = System.nanoTime();
            if (request.toolName() == null) {
                return fullReload(start, from, cause);
            }
            CatalogDelta delta;
            try {
                delta = withRetries(
                        () -> reads.readSince(from, sync.fullReloadThreshold(), List.of(request.toolName())));
            } catch (RuntimeException e) {
                return failed(start, from, cause, e);
            }
            if (!delta.complete()) {
                return fullReload(start, from, cause);
            }
            CatalogSnapshot next = snapshot.apply(delta.revision(), delta.changed(), delta.removed());
            return swap(start, from, next, namesOf(delta.changed(), delta.removed()), ReloadKind.PARTIAL, cause, null);
        } finally {
            lock.unlock();
        }
    }

    /**
     * One cheap check that the snapshot is current (the revision poll): verifies, or catches up
     * when the database is ahead. Failures are logged; staleness shows in {@link #lastVerifiedAt()}.
     */
    public void verify(long databaseRevision) {
        this.databaseRevision = databaseRevision;
        if (databaseRevision == applied()) {
            verified();
        } else {
            catchUp();
        }
    }

    /**
     * The poll's occasional deeper check: a snapshot at the database's revision must have the
     * database's digest too. When it does not, some reload went wrong (a bug, a write behind the
     * change log), and the revision alone would never show it: reload everything, warn and count.
     */
    public void verify(RevisionDigest database) {
        CatalogSnapshot current = snapshot;
        if (database.revision() != current.revision() || database.digest().equals(current.digest())) {
            verify(database.revision());
            return;
        }
        lock.lock();
        try {
            if (snapshot != current) {
                return;
            }
            repairs.incrementAndGet();
            log.warn(
                    "Snapshot at revision {} has digest {} but the database has {}; reloading everything",
                    current.revision(),
                    current.digest(),
                    database.digest());
            fullReload(System.nanoTime(), current.revision(), ReloadCause.repair(node.nodeId()));
        } finally {
            lock.unlock();
        }
    }

    /**
     * The highest revision this node knows the database has committed (from its last catch-up, poll
     * or swap); the database may be further ahead.
     */
    public long knownDatabaseRevision() {
        return Math.max(databaseRevision, applied());
    }

    /**
     * Sleeps until {@code revision} is applied or {@code timeout} runs out; false when it ran out.
     * Holds no lock and no connection and reads nothing: whoever swaps in a snapshot wakes it.
     */
    public boolean awaitRevision(long revision, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (applied() < revision) {
                long remainingMs = (deadline - System.nanoTime()) / 1_000_000;
                if (remainingMs <= 0) {
                    return false;
                }
                try {
                    progress.wait(remainingMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return applied() >= revision;
                }
            }
            return true;
        }
    }

    private ReloadEvent fullReload(long start, long from, ReloadCause cause) {
        CatalogImage image;
        try {
            image = withRetries(reads::readAll);
        } catch (RuntimeException e) {
            return failed(start, from, cause, e);
        }
        CatalogSnapshot next = CatalogSnapshot.of(image.revision(), image.tools());
        Set<String> names = next.differencesFrom(snapshot);
        CatalogChange change = image.revision() > from ? image.lastChange() : null;
        return swap(start, from, next, names, ReloadKind.FULL, cause, change);
    }

    private ReloadEvent swap(
            long start,
            long from,
            CatalogSnapshot next,
            Set<String> changedNames,
            ReloadKind kind,
            ReloadCause cause,
            CatalogChange change) {
        CatalogSnapshot previous = snapshot;
        snapshot = next;
        databaseRevision = Math.max(databaseRevision, next.revision());
        loaded = true;
        verified();
        synchronized (progress) {
            progress.notifyAll();
        }
        Instant appliedAt = clock.instant();
        String handlerErrors =
                listeners.tell(new CatalogReloaded(previous, next, changedNames, kind, cause.trigger(), change));
        Double propagationMs = change == null
                ? null
                : Duration.between(change.committedAt(), appliedAt).toNanos() / 1e6;
        ReloadEvent event = ReloadEvent.applied(
                cause,
                node.nodeId(),
                appliedAt,
                elapsedMs(start),
                from,
                next.revision(),
                kind,
                changedNames,
                propagationMs,
                handlerErrors);
        log.info(
                "Reloaded {} revision {} -> {} ({} tools changed, {} ms, trigger {}, reload_id {}, origin {})",
                kind.value(),
                from,
                next.revision(),
                changedNames.size(),
                String.format("%.2f", event.durationMs()),
                cause.trigger().value(),
                cause.reloadId(),
                cause.originNode());
        listeners.record(event);
        return event;
    }

    private ReloadEvent failed(long start, long from, ReloadCause cause, RuntimeException error) {
        Incident incident = Incident.report(
                log,
                "Reload failed at revision " + from + " (trigger "
                        + cause.trigger().value() + ", reload_id " + cause.reloadId()
                        + "); keeping the last good snapshot",
                error);
        ReloadEvent event =
                ReloadEvent.failed(cause, node.nodeId(), clock.instant(), elapsedMs(start), from, incident.message());
        listeners.record(event);
        return event;
    }

    private <T> T withRetries(Supplier<T> read) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= Math.max(1, sync.readAttempts()); attempt++) {
            try {
                return read.get();
            } catch (RuntimeException e) {
                last = e;
                if (attempt < sync.readAttempts()) {
                    log.warn("Reload read failed (attempt {}): {}", attempt, e.toString());
                    sleeper.sleep(sync.readBackoff().multipliedBy(1L << (attempt - 1)));
                }
            }
        }
        throw last;
    }

    private void verified() {
        lastVerifiedAt = clock.instant();
    }

    private static Set<String> namesOf(Collection<Tool> changed, Collection<String> removed) {
        Set<String> names = new java.util.HashSet<>(removed);
        changed.forEach(t -> names.add(t.name()));
        return names;
    }

    private static double elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
