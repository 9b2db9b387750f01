package io.toolcatalog.core.reload;

import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.change.RevisionRows;
import io.toolcatalog.core.cohort.ActiveRollout;
import io.toolcatalog.core.cohort.RolloutUnreadableException;
import io.toolcatalog.core.history.ReloadCause;
import io.toolcatalog.core.history.ReloadKind;
import io.toolcatalog.core.store.CatalogDelta;
import io.toolcatalog.core.store.CatalogImage;
import io.toolcatalog.core.store.CatalogSource;
import io.toolcatalog.core.tool.Tool;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reloader's steps, each called holding its lock: read what changed (or everything), build the
 * next snapshot, check that readers can serve every row it brings in, swap it in and report. A
 * step that fails anywhere before the swap reports a failed reload and swaps nothing: the last good
 * snapshot keeps serving, and nothing is applied without its reload event. Each step returns the
 * ticket of its report ({@link ReloadReports}), which follows the swap off the applying thread.
 */
final class SnapshotLoads {

    private static final Logger log = LoggerFactory.getLogger(CatalogReloader.class);

    private final CatalogSource reads;
    private final AppliedState state;
    private final ReloadReports reports;
    private final int fullReloadThreshold;
    private final AtomicLong repairs = new AtomicLong();
    private volatile Consumer<RolloutUnreadableException> unreadableRollouts = e -> {};

    SnapshotLoads(CatalogSource reads, AppliedState state, ReloadReports reports, int fullReloadThreshold) {
        this.reads = reads;
        this.state = state;
        this.reports = reports;
        this.fullReloadThreshold = fullReloadThreshold;
    }

    /** Who hears of a rollout whose candidates this node cannot take (it aborts the rollout). */
    void onUnreadableRollout(Consumer<RolloutUnreadableException> listener) {
        this.unreadableRollouts = listener;
    }

    /** Applies a revision's known rows; the caller checked they chain onto the applied revision. */
    ReportQueue.Ticket applyRows(RevisionRows rows) {
        long start = System.nanoTime();
        CommittedChange change = rows.change();
        ReloadCause cause = ReloadCause.change(change);
        return applyChanged(start, rows.revision(), rows.changed(), rows.removed(), rows.rollouts(), cause, change);
    }

    /** The changes after the applied revision (re-reading {@code alsoReread} too); null when nothing changed. */
    ReportQueue.Ticket catchUp(ReloadCause requested, ReloadCause sync, List<String> alsoReread) {
        long from = state.applied();
        long start = System.nanoTime();
        CatalogDelta delta;
        try {
            delta = reads.readSince(from, fullReloadThreshold, alsoReread);
        } catch (RuntimeException e) {
            return failed(start, from, requested != null ? requested : sync, e);
        }
        state.databaseAt(delta.revision());
        if (requested == null && delta.revision() == from) {
            state.verified();
            return null;
        }
        CommittedChange change = requested != null ? null : delta.lastChange();
        ReloadCause cause = requested != null ? requested : change == null ? sync : ReloadCause.change(change);
        if (!delta.complete()) {
            return full(start, from, cause);
        }
        return applyChanged(start, delta.revision(), delta.changed(), delta.removed(), delta.rollouts(), cause, change);
    }

    /**
     * Everything, read again, when the snapshot served is still {@code checked}, which has another
     * digest than the database's at its revision; null when another reload replaced it meanwhile.
     */
    ReportQueue.Ticket repair(CatalogSnapshot checked, String databaseDigest, String nodeId) {
        if (state.snapshot() != checked) {
            return null;
        }
        repairs.incrementAndGet();
        log.warn(
                "Snapshot at revision {} has digest {} but the database has {}; reloading everything",
                checked.revision(),
                checked.digest(),
                databaseDigest);
        return full(System.nanoTime(), checked.revision(), ReloadCause.repair(nodeId));
    }

    /** Repairs since start. */
    long repairs() {
        return repairs.get();
    }

    /** Everything, read again. */
    ReportQueue.Ticket full(long start, long from, ReloadCause cause) {
        CatalogImage image;
        try {
            image = reads.readAll();
        } catch (RuntimeException e) {
            return failed(start, from, cause, e);
        }
        FullReload reloaded;
        try {
            reloaded =
                    FullReload.of(state.snapshot(), image.revision(), image.tools(), image.schemas(), image.rollouts());
        } catch (RuntimeException e) {
            return reports.failed(start, from, cause, e);
        }
        CommittedChange change = image.revision() > from ? image.lastChange() : null;
        return swap(start, reloaded.next(), reloaded.changedNames(), ReloadKind.FULL, cause, change);
    }

    private ReportQueue.Ticket applyChanged(
            long start,
            long revision,
            Collection<Tool> changed,
            Collection<String> removed,
            List<ActiveRollout> rollouts,
            ReloadCause cause,
            CommittedChange change) {
        CatalogSnapshot previous = state.snapshot();
        CatalogSnapshot next;
        try {
            requireReadable(changed, previous);
            next = previous.apply(revision, changed, removed);
            if (rollouts != null) {
                next = next.withRollouts(rollouts);
            }
        } catch (RuntimeException e) {
            return reports.failed(start, previous.revision(), cause, e);
        }
        Set<String> names = new HashSet<>(removed);
        changed.forEach(t -> names.add(t.name()));
        return swap(start, next, names, ReloadKind.PARTIAL, cause, change);
    }

    private ReportQueue.Ticket swap(
            long start,
            CatalogSnapshot next,
            Set<String> changedNames,
            ReloadKind kind,
            ReloadCause cause,
            CommittedChange change) {
        CatalogSnapshot previous = state.swap(next);
        return reports.swapped(start, previous, next, changedNames, kind, cause, change);
    }

    /** A read that failed; one that met a rollout this node cannot take says so first. */
    private ReportQueue.Ticket failed(long start, long from, ReloadCause cause, RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RolloutUnreadableException unreadable) {
                unreadableRollouts.accept(unreadable);
                break;
            }
        }
        return reports.failed(start, from, cause, e);
    }

    /** Parses now what readers would parse later, reusing what the served snapshot parsed of unchanged rows. */
    private static void requireReadable(Collection<Tool> tools, CatalogSnapshot served) {
        for (Tool tool : tools) {
            requireReadable(tool, served.find(tool.name()));
        }
    }

    /**
     * {@code tool} parsed now ({@code earlier}, the same name as served, lends its parse); throws
     * naming it. True when the parse was lent: both hold the same profiles text.
     */
    static boolean requireReadable(Tool tool, Tool earlier) {
        try {
            return tool.requireReadable(earlier);
        } catch (RuntimeException e) {
            throw new UnreadableRowException(tool.name(), e);
        }
    }
}
