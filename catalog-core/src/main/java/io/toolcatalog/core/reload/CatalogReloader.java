package io.toolcatalog.core.reload;

import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.change.RevisionRows;
import io.toolcatalog.core.cluster.NodeIdentity;
import io.toolcatalog.core.cluster.ReloadRequest;
import io.toolcatalog.core.concurrent.Sleeper;
import io.toolcatalog.core.history.ReloadCause;
import io.toolcatalog.core.history.ReloadEvent;
import io.toolcatalog.core.history.ReloadEventListener;
import io.toolcatalog.core.history.ReloadKind;
import io.toolcatalog.core.store.CatalogDelta;
import io.toolcatalog.core.store.CatalogImage;
import io.toolcatalog.core.store.CatalogSource;
import io.toolcatalog.core.store.RevisionDigest;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's {@link CatalogSnapshot} equal to the {@code tools} table as of the applied
 * revision. Every reload runs under one lock (single flight); doorbells that arrive while one runs
 * coalesce into at most one more run. A reload that fails keeps the last good snapshot. A change
 * whose rows are known (this node's own commit, or carried by a peer's message) is applied from
 * them, without a read, when this node is at exactly the revision they apply to. Readers see the
 * result through {@link AppliedCatalog}; reads of the database are retried by a {@link
 * RetryingCatalogSource}.
 */
public final class CatalogReloader implements AppliedCatalog {

    private static final Logger log = LoggerFactory.getLogger(CatalogReloader.class);

    private final CatalogSource reads;
    private final ReloadReports reports;
    private final NodeIdentity node;
    private final SyncProperties sync;
    private final Executor doorbellExecutor;
    private final boolean applyRows;
    private final AppliedState state;

    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicBoolean catchUpQueued = new AtomicBoolean();
    private final AtomicLong repairs = new AtomicLong();

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
        this.reads = new RetryingCatalogSource(reads, sync.readAttempts(), sync.readBackoff(), sleeper);
        this.reports = new ReloadReports(new ReloadListeners(handlers, eventListeners), node.nodeId(), clock);
        this.node = node;
        this.sync = sync;
        this.doorbellExecutor = doorbellExecutor;
        this.state = new AppliedState(clock);
    }

    @Override
    public CatalogSnapshot snapshot() {
        return state.snapshot();
    }

    @Override
    public long applied() {
        return state.applied();
    }

    @Override
    public boolean isLoaded() {
        return state.isLoaded();
    }

    @Override
    public Instant lastVerifiedAt() {
        return state.lastVerifiedAt();
    }

    @Override
    public long lag() {
        return state.lag();
    }

    @Override
    public int handlerCount() {
        return reports.handlerCount();
    }

    /**
     * How many times the digest check found the snapshot differing from the database at its own
     * revision; each time a full reload follows.
     */
    public long repairs() {
        return repairs.get();
    }

    /**
     * The highest revision this node knows the database has committed (from its last catch-up, poll
     * or swap); the database may be further ahead.
     */
    public long knownDatabaseRevision() {
        return state.knownDatabaseRevision();
    }

    /**
     * Sleeps until {@code revision} is applied or {@code timeout} runs out; false when it ran out.
     * Holds no lock and no connection and reads nothing: whoever swaps in a snapshot wakes it.
     */
    public boolean awaitRevision(long revision, Duration timeout) {
        return state.awaitRevision(revision, timeout);
    }

    /**
     * A peer announced {@code revision}, with its rows when it carried them (else null). Ignored when
     * already applied; applied from the rows when this node is at exactly the revision before (the
     * lock waited for at most {@code lockWait}); otherwise rung as {@link #ring(long)}. Returns at
     * once, saying which.
     */
    public DoorbellOutcome ring(long revision, RevisionRows rows, Duration lockWait) {
        if (state.isApplied(revision)) {
            log.debug("Ignoring revision {}: already applied {}", revision, applied());
            return DoorbellOutcome.ALREADY_APPLIED;
        }
        if (rows != null && applyCarried(rows, lockWait)) {
            return DoorbellOutcome.APPLIED_CARRIED;
        }
        ring(revision);
        return DoorbellOutcome.RANG;
    }

    /**
     * A doorbell (a pub/sub message, a poll that saw a newer revision): schedules a catch-up unless
     * {@code revision} is already applied. Returns at once.
     */
    public void ring(long revision) {
        if (state.isApplied(revision)) {
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
        if (state.isApplied(revision)) {
            return;
        }
        lock.lock();
        try {
            if (!state.isApplied(revision)) {
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
        if (state.isApplied(rows.revision())) {
            return;
        }
        lock.lock();
        try {
            if (applied() == rows.fromRevision()) {
                applyRowsLocked(rows);
            } else if (!state.isApplied(rows.revision())) {
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
        return applyRows && state.isLoaded() && applied() == rows.fromRevision();
    }

    private void applyRowsLocked(RevisionRows rows) {
        long start = System.nanoTime();
        CatalogSnapshot next = state.snapshot().apply(rows.revision(), rows.changed(), rows.removed());
        CommittedChange change = rows.change();
        swap(
                start,
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
                delta = reads.readSince(from, sync.fullReloadThreshold(), List.of());
            } catch (RuntimeException e) {
                return reports.failed(start, from, ReloadCause.sync(node.nodeId()), e);
            }
            state.databaseAt(delta.revision());
            if (delta.revision() == from) {
                state.verified();
                return null;
            }
            CommittedChange change = delta.lastChange();
            ReloadCause cause = change == null ? ReloadCause.sync(node.nodeId()) : ReloadCause.change(change);
            if (delta.complete()) {
                return applyDelta(start, delta, cause, change);
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
                delta = reads.readSince(from, sync.fullReloadThreshold(), List.of(request.toolName()));
            } catch (RuntimeException e) {
                return reports.failed(start, from, cause, e);
            }
            if (!delta.complete()) {
                return fullReload(start, from, cause);
            }
            return applyDelta(start, delta, cause, null);
        } finally {
            lock.unlock();
        }
    }

    /**
     * One cheap check that the snapshot is current (the revision poll): verifies, or catches up
     * when the database is ahead. Failures are logged; staleness shows in {@link #lastVerifiedAt()}.
     */
    public void verify(long databaseRevision) {
        state.databaseAt(databaseRevision);
        if (databaseRevision == applied()) {
            state.verified();
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
        CatalogSnapshot current = state.snapshot();
        if (database.revision() != current.revision() || database.digest().equals(current.digest())) {
            verify(database.revision());
            return;
        }
        lock.lock();
        try {
            if (state.snapshot() != current) {
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

    private ReloadEvent applyDelta(long start, CatalogDelta delta, ReloadCause cause, CommittedChange change) {
        CatalogSnapshot next = state.snapshot().apply(delta.revision(), delta.changed(), delta.removed());
        Set<String> names = namesOf(delta.changed(), delta.removed());
        return swap(start, next, names, ReloadKind.PARTIAL, cause, change);
    }

    private ReloadEvent fullReload(long start, long from, ReloadCause cause) {
        CatalogImage image;
        try {
            image = reads.readAll();
        } catch (RuntimeException e) {
            return reports.failed(start, from, cause, e);
        }
        CatalogSnapshot next = CatalogSnapshot.of(image.revision(), image.tools());
        Set<String> names = next.differencesFrom(state.snapshot());
        CommittedChange change = image.revision() > from ? image.lastChange() : null;
        return swap(start, next, names, ReloadKind.FULL, cause, change);
    }

    private ReloadEvent swap(
            long start,
            CatalogSnapshot next,
            Set<String> changedNames,
            ReloadKind kind,
            ReloadCause cause,
            CommittedChange change) {
        CatalogSnapshot previous = state.swap(next);
        return reports.swapped(start, previous, next, changedNames, kind, cause, change);
    }

    private static Set<String> namesOf(Collection<Tool> changed, Collection<String> removed) {
        Set<String> names = new java.util.HashSet<>(removed);
        changed.forEach(t -> names.add(t.name()));
        return names;
    }
}
