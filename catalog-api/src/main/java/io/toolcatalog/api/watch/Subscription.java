package io.toolcatalog.api.watch;

import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.reload.CatalogSnapshot;
import java.util.HashSet;
import java.util.Set;

/**
 * One watcher's position in the catalog's revisions. {@code head} is the revision the watcher
 * holds once its {@link Pending} event is sent. Steps after {@code head} merge into that one
 * pending event; steps at or below it are already covered.
 *
 * <p>Merging is exact because an event carries the rows of its names as of its end revision: a
 * change over the names touched in (A, R] turns the state at any revision in [A, R] into the state
 * at R, so a step that starts below {@code head} still extends the chain without a gap.
 */
final class Subscription {

    private final Set<String> filter;
    private final Runnable wake;
    private long head;
    private Pending pending;
    private boolean resolved = true;
    private long unresolvedUpTo = -1;

    /** {@code filter} null means every tool; {@code wake} is called when an event became ready. */
    Subscription(Set<String> filter, Runnable wake) {
        this.filter = filter == null ? null : Set.copyOf(filter);
        this.wake = wake;
    }

    /** Starts with a reset: the whole catalog at the snapshot's revision. */
    synchronized void startWith(CatalogSnapshot snapshot) {
        pending = Pending.reset(snapshot);
        head = snapshot.revision();
    }

    /** Starts at {@code revision}: nothing to send until the node passes it. */
    synchronized void startAt(long revision) {
        head = revision;
    }

    /** Starts with a change from {@code since} to the snapshot's revision over {@code names}. */
    synchronized void startWith(long since, CatalogSnapshot snapshot, Set<String> names, CommittedChange change) {
        pending = Pending.change(since, snapshot, filtered(names), change);
        head = snapshot.revision();
    }

    /**
     * Starts like {@link #startWith(long, CatalogSnapshot, Set, CommittedChange)} but holds the event
     * back until {@link #resolve} or {@link #resolveAsReset} says which names it covers.
     */
    synchronized void startUnresolved(long since, CatalogSnapshot snapshot) {
        startWith(since, snapshot, Set.of(), null);
        resolved = false;
        unresolvedUpTo = snapshot.revision();
    }

    /** The revision the held first event was opened at: the change log is read up to it. */
    synchronized long unresolvedUpTo() {
        return unresolvedUpTo;
    }

    /** The names the change log holds for the start, which the held event now covers too. */
    void resolve(Set<String> names, CommittedChange change) {
        synchronized (this) {
            if (pending != null && !pending.isReset()) {
                pending.merge(
                        pending.snapshot(), filtered(names), pending.change() != null ? pending.change() : change);
            }
            resolved = true;
        }
        wake.run();
    }

    /** The change log no longer covers the start: the held event becomes a snapshot. */
    void resolveAsReset() {
        synchronized (this) {
            if (pending != null) {
                pending = Pending.reset(pending.snapshot());
            }
            resolved = true;
        }
        wake.run();
    }

    /**
     * Takes in one step of the node. Returns 1 when it merged into an event not yet sent
     * (coalesced), 0 otherwise; wakes the watcher when an event is ready.
     */
    int offer(Transition step) {
        int coalesced = 0;
        synchronized (this) {
            if (step.to() <= head) {
                return 0;
            }
            if (step.from() > head) {
                // a step was missed (never expected): only a snapshot is certainly right
                pending = Pending.reset(step.snapshot());
            } else if (pending == null) {
                pending = Pending.of(step, filtered(step.names()), filter == null && step.from() == head);
            } else {
                pending.merge(step.snapshot(), filtered(step.names()), step.change());
                coalesced = 1;
            }
            head = step.to();
            if (!resolved) {
                return coalesced;
            }
        }
        wake.run();
        return coalesced;
    }

    /** The event to send now, or null; the watcher is then at its revision. */
    synchronized Pending take() {
        if (!resolved || pending == null) {
            return null;
        }
        Pending taken = pending;
        pending = null;
        return taken;
    }

    synchronized long head() {
        return head;
    }

    synchronized boolean idle() {
        return pending == null && resolved;
    }

    Set<String> filter() {
        return filter;
    }

    private Set<String> filtered(Set<String> names) {
        if (filter == null) {
            return names;
        }
        Set<String> kept = new HashSet<>();
        for (String name : names) {
            if (filter.contains(name)) {
                kept.add(name);
            }
        }
        return kept;
    }
}
