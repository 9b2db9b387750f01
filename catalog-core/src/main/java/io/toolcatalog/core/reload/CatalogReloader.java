package io.toolcatalog.core.reload;

import io.toolcatalog.core.change.RevisionRows;
import io.toolcatalog.core.cluster.NodeIdentity;
import io.toolcatalog.core.cluster.ReloadRequest;
import io.toolcatalog.core.cohort.RolloutUnreadableException;
import io.toolcatalog.core.concurrent.Sleeper;
import io.toolcatalog.core.history.ReloadCause;
import io.toolcatalog.core.history.ReloadEvent;
import io.toolcatalog.core.history.ReloadEventListener;
import io.toolcatalog.core.store.CatalogSource;
import io.toolcatalog.core.store.RevisionDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's {@link CatalogSnapshot} equal to the {@code tools} table as of the applied
 * revision. Every reload runs under one lock (single flight); doorbells that arrive while one runs
 * coalesce into at most one more run. A reload that fails keeps the last good snapshot. A change
 * whose rows are known (this node's own commit, or carried by a peer's message) is applied from
 * them, without a read, when this node is at exactly the revision they apply to and the database
 * is known to have committed their revision. The steps of a reload are {@link SnapshotLoads}'s, what
 * follows a swap (handlers, the event, history) {@link ReportQueue}'s; readers see the result through
 * {@link AppliedCatalog}; reads of the database are retried by a {@link RetryingCatalogSource}.
 */
public final class CatalogReloader implements AppliedCatalog {

    private static final Logger log = LoggerFactory.getLogger(CatalogReloader.class);

    private final CatalogSource reads;
    private final ReloadReports reports;
    private final NodeIdentity node;
    private final Executor doorbellExecutor;
    private final boolean applyRows;
    private final AppliedState state;
    private final SnapshotLoads loads;
    private final CarriedRows carried;

    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicBoolean catchUpQueued = new AtomicBoolean();

    public CatalogReloader(
            CatalogSource reads,
            List<ReloadHandler> handlers,
            List<ReloadEventListener> eventListeners,
            NodeIdentity node,
            SyncProperties sync,
            Clock clock,
            Executor doorbellExecutor,
            Sleeper sleeper) {
        this(reads, handlers, eventListeners, node, sync, clock, doorbellExecutor, sleeper, true, Runnable::run, 1);
    }

    /**
     * With what follows each swap run on {@code reportExecutor} (one thread is enough), at most
     * {@code reportCapacity} waiting ({@link ReportQueue}); the other constructor runs it in place.
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
            boolean applyRows,
            Executor reportExecutor,
            int reportCapacity) {
        this.applyRows = applyRows;
        this.reads = new RetryingCatalogSource(reads, sync.readAttempts(), sync.readBackoff(), sleeper);
        ReloadListeners listeners = new ReloadListeners(handlers, eventListeners);
        this.reports = new ReloadReports(listeners, node.nodeId(), clock, reportExecutor, reportCapacity);
        this.node = node;
        this.doorbellExecutor = doorbellExecutor;
        this.state = new AppliedState(clock);
        this.loads = new SnapshotLoads(this.reads, state, reports, sync.fullReloadThreshold());
        this.carried = new CarriedRows(state, loads, lock);
    }

    /** Tells {@code listener} of every rollout whose candidates this node cannot take (its catch-ups fail meanwhile). */
    public void onUnreadableRollout(Consumer<RolloutUnreadableException> listener) {
        loads.onUnreadableRollout(listener);
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

    /** Reload events dropped because the reports (handlers, events) fell behind the swaps; see {@link ReportQueue}. */
    public long reportsFolded() {
        return reports.folded();
    }

    /** How many times the digest check found the snapshot differing from the database at its own revision. */
    public long repairs() {
        return loads.repairs();
    }

    /** The highest revision this node knows the database has committed; the database may be further ahead. */
    public long knownDatabaseRevision() {
        return state.knownDatabaseRevision();
    }

    /** Sleeps until {@code revision} is applied or {@code timeout} runs out; false when it ran out. Reads nothing. */
    public boolean awaitRevision(long revision, Duration timeout) {
        return state.awaitRevision(revision, timeout);
    }

    /**
     * A peer announced {@code revision}, with its rows when it carried them (else null). Ignored when
     * already applied; applied from the rows when {@link #applyCarried} can; otherwise rung as
     * {@link #ring(long)}. Returns at once, saying which.
     */
    public DoorbellOutcome announced(long revision, RevisionRows rows, boolean fromMember, Duration lockWait) {
        if (rows != null && !state.isApplied(revision) && applyCarried(rows, fromMember, lockWait)) {
            return DoorbellOutcome.APPLIED_CARRIED;
        }
        return ring(revision) ? DoorbellOutcome.RANG : DoorbellOutcome.ALREADY_APPLIED;
    }

    /** A doorbell (a message, a poll that saw a newer revision): schedules a catch-up unless applied; false when applied. */
    public boolean ring(long revision) {
        if (state.isApplied(revision)) {
            log.debug("Ignoring revision {}: already applied {}", revision, applied());
            return false;
        }
        requestCatchUp();
        return true;
    }

    /** Schedules a catch-up; requests made while one is queued or running coalesce. */
    public void requestCatchUp() {
        if (catchUpQueued.compareAndSet(false, true)) {
            doorbellExecutor.execute(() -> {
                catchUpQueued.set(false);
                catchUpNoWait(); // nobody waits for its report
            });
        }
    }

    /**
     * Catches up now; returns once {@code revision} is applied or the catch-up failed, and its report
     * ran. Writers waiting here coalesce: whoever holds the lock applies everything committed so far.
     */
    public void catchUpTo(long revision) {
        if (!state.isApplied(revision)) {
            reports.await(underLock(() -> state.isApplied(revision) ? null : catchUpNoWait()));
        }
    }

    /**
     * After a commit on this node: applies the commit's own rows when this node is at the revision
     * they apply to, else catches up. Returns once the revision is applied or the reload failed, and
     * its report ran (a read of the history after the write's answer finds it, as before).
     */
    public void applyOwnCommit(RevisionRows rows) {
        if (!applyRows) {
            catchUpTo(rows.revision());
        } else if (!state.isApplied(rows.revision())) {
            reports.await(underLock(() -> applied() == rows.fromRevision()
                    ? loads.applyRows(rows)
                    : state.isApplied(rows.revision()) ? null : catchUpNoWait()));
        }
    }

    /**
     * A peer's change with its rows (validated as input by whoever read the message): applied as
     * {@link CarriedRows} decides, and never while {@code applyRows} is off. False when it did
     * nothing: the caller then rings for a catch-up.
     */
    public boolean applyCarried(RevisionRows rows, boolean fromMember, Duration lockWait) {
        return applyRows && carried.apply(rows, fromMember, lockWait);
    }

    /**
     * Runs {@code work} holding the reloader's lock when nothing holds it right now (no wait): for a
     * thread that must not wait, as Redis's I/O thread, to read and apply a peer's message in one go.
     * False, having run nothing, when the lock is taken.
     */
    public boolean tryExclusively(Runnable work) {
        return carried.tryExclusively(work);
    }

    /**
     * Brings the snapshot to the database's revision: the changed names only when the change log
     * covers the gap, everything otherwise. Returns the event once its report ran, or null when
     * nothing had changed.
     */
    public ReloadEvent catchUp() {
        return reports.await(catchUpNoWait());
    }

    /** {@link #catchUp()} without waiting for its report. */
    private ReportQueue.Ticket catchUpNoWait() {
        return underLock(() -> loads.catchUp(null, ReloadCause.sync(node.nodeId()), List.of()));
    }

    /**
     * An explicit reload of everything, or of one tool (after catching up to the database); returns
     * its event once the report ran (the handlers' failures are in it).
     */
    public ReloadEvent reload(ReloadRequest request) {
        ReloadCause cause = ReloadCause.requested(request);
        return reports.await(underLock(() -> {
            ReportQueue.Ticket report = request.toolName() == null
                    ? loads.full(System.nanoTime(), applied(), cause)
                    : loads.catchUp(cause, cause, List.of(request.toolName()));
            report.keep(); // under the lock: no later swap can fold it into its own report before
            return report;
        }));
    }

    /** The node this reloader keeps the snapshot of; its reload events name it. */
    public String nodeId() {
        return node.nodeId();
    }

    private ReportQueue.Ticket underLock(Supplier<ReportQueue.Ticket> step) {
        lock.lock();
        try {
            return step.get();
        } finally {
            lock.unlock();
        }
    }

    /** The revision poll, against the database's revision read now (not retried). */
    public void verify() {
        verifyAt(reads.revision());
    }

    /** The poll's cheap check: verifies, or catches up when the database is ahead of the snapshot. */
    private void verifyAt(long databaseRevision) {
        state.databaseAt(databaseRevision);
        if (databaseRevision == applied()) {
            state.verified();
        } else {
            catchUpNoWait();
        }
    }

    /**
     * The poll's occasional deeper check, against the database's digest read now: a snapshot at the
     * database's revision must have the database's digest (content included) too. When it does not,
     * some reload went wrong or a row differs under the same version (a forged message, a hand edit),
     * which the revision alone would never show: reload everything, warn and count.
     */
    public void verifyDigest() {
        RevisionDigest database = reads.digest();
        CatalogSnapshot current = state.snapshot();
        if (database.revision() != current.revision() || database.digest().equals(current.digest())) {
            verifyAt(database.revision());
        } else {
            underLock(() -> loads.repair(current, database.digest(), node.nodeId()));
        }
    }
}
