package io.toolcatalog.api.watch;

import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.cohort.ConsumerIdentity;
import io.toolcatalog.core.reload.AppliedChange;
import io.toolcatalog.core.reload.CatalogSnapshot;
import io.toolcatalog.core.reload.ConsumerView;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One watcher's position in the catalog's revisions. {@code head} is the revision the watcher
 * holds once its pending event is sent. Steps after {@code head} merge into that one pending
 * event; steps at or below it are already covered, except a reset at {@code head}: new content at
 * a revision the watcher already holds, which it must hear of as a snapshot.
 *
 * <p>Merging is exact because an event carries the rows of its names as of its end revision: a
 * change over the names touched in (A, R] turns the state at any revision in [A, R] into the state
 * at R, so a step that starts below {@code head} still extends the chain without a gap.
 *
 * <p>Everything a subscription holds is in its consumer's view ({@link CatalogSnapshot#view}): the
 * snapshot its event is read from, and the names of each step as that view sees it
 * ({@link TransitionViews}). A consumer without an id sees the stable catalog.
 */
final class Subscription {

    /** An event ready to send: the step and the snapshot its rows are read from. */
    record Ready(AppliedChange step, CatalogSnapshot snapshot) {}

    private final Set<String> filter;
    private final ConsumerIdentity consumer;
    private final Runnable wake;
    private final Consumer<Set<String>> superseded;
    /** This consumer's view of a node snapshot: the last step's end. */
    private record Viewed(CatalogSnapshot node, ConsumerView view) {}

    private volatile Viewed viewed;
    private long head;
    private AppliedChange pending;
    private CatalogSnapshot snapshot;
    private boolean resolved = true;
    private long unresolvedUpTo = -1;

    /** {@code filter} null means every tool; {@code wake} is called when an event became ready. */
    Subscription(Set<String> filter, Runnable wake) {
        this(filter, ConsumerIdentity.ANONYMOUS, wake, names -> {});
    }

    /**
     * {@code consumer} whose view it follows; {@code superseded} hears of every step's names: rows
     * the node no longer holds as they were.
     */
    Subscription(Set<String> filter, ConsumerIdentity consumer, Runnable wake, Consumer<Set<String>> superseded) {
        this.filter = filter == null ? null : Set.copyOf(filter);
        this.consumer = consumer == null ? ConsumerIdentity.ANONYMOUS : consumer;
        this.wake = wake;
        this.superseded = superseded;
    }

    /** Starts with a reset: the whole catalog (in this consumer's view) at the snapshot's revision. */
    synchronized void startWith(CatalogSnapshot at) {
        hold(AppliedChange.resetAt(at.revision()), seen(at));
    }

    /** Starts at {@code revision}: nothing to send until the node passes it. */
    synchronized void startAt(long revision) {
        head = revision;
    }

    /** Starts with a change from {@code since} to the snapshot's revision over {@code names}. */
    synchronized void startWith(long since, CatalogSnapshot at, Set<String> names, CommittedChange change) {
        hold(AppliedChange.change(since, at.revision(), names, change).filtered(filter), seen(at));
    }

    /**
     * Starts like {@link #startWith(long, CatalogSnapshot, Set, CommittedChange)} but holds the event
     * back until {@link #resolve} or {@link #resolveAsReset} says which names it covers.
     */
    synchronized void startUnresolved(long since, CatalogSnapshot at) {
        startWith(since, at, Set.of(), null);
        resolved = false;
        unresolvedUpTo = at.revision();
    }

    /** The revision the held first event was opened at: the change log is read up to it. */
    synchronized long unresolvedUpTo() {
        return unresolvedUpTo;
    }

    /** The change log's names for the start, which the held event now covers too. */
    void resolve(long since, Set<String> names, CommittedChange change) {
        synchronized (this) {
            if (pending != null && !pending.reset()) {
                pending = AppliedChange.change(since, unresolvedUpTo, names, change)
                        .filtered(filter)
                        .then(pending);
            }
            resolved = true;
        }
        wake.run();
    }

    /** The change log no longer covers the start: the held event becomes a snapshot. */
    void resolveAsReset() {
        synchronized (this) {
            if (pending != null) {
                pending = AppliedChange.resetAt(pending.to());
            }
            resolved = true;
        }
        wake.run();
    }

    /**
     * Takes in one step of the node, as this consumer's view sees it. Returns 1 when it merged into
     * an event not yet sent (coalesced), 0 otherwise; wakes the watcher when an event is ready.
     */
    int offer(TransitionViews transition) {
        superseded.accept(transition.superseded());
        Ready seenHere;
        if (transition.stableOnly()) {
            viewed = null; // keeps no snapshot of the last rollout alive
            seenHere = transition.in(consumer);
        } else {
            seenHere = inView(transition);
        }
        AppliedChange step = seenHere.step();
        CatalogSnapshot at = seenHere.snapshot();
        int coalesced = 0;
        synchronized (this) {
            AppliedChange mine = step.filtered(filter);
            if (step.reset() ? step.to() < head || mine.names().isEmpty() : step.to() <= head) {
                return 0;
            }
            if (step.reset() || step.from() != head) {
                // new content at a revision held, a missed step, or one that starts below a watcher
                // that opened ahead of the node (its names need not cover what changed after the
                // watcher's start): only a snapshot is certainly right
                coalesced = pending == null ? 0 : 1;
                hold(AppliedChange.resetAt(step.to()), at);
            } else if (pending == null) {
                hold(mine, at);
            } else {
                hold(pending.then(mine), at);
                coalesced = 1;
            }
            if (!resolved) {
                return coalesced;
            }
        }
        wake.run();
        return coalesced;
    }

    private void hold(AppliedChange step, CatalogSnapshot at) {
        pending = step;
        snapshot = at;
        head = step.to();
    }

    /** The event to send now, or null; the watcher is then at its revision. */
    synchronized Ready take() {
        if (!resolved || pending == null) {
            return null;
        }
        Ready ready = new Ready(pending, snapshot);
        pending = null;
        snapshot = null;
        return ready;
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

    /** Whether the consumer named itself: only then may its view differ from the stable one. */
    boolean identified() {
        return !consumer.anonymous();
    }

    private CatalogSnapshot seen(CatalogSnapshot node) {
        return node.view(consumer).snapshot();
    }

    /**
     * The step in this consumer's view. Its view at the step's start is the one it had at the last
     * step's end (steps come in order), so each step works out at most one view per watcher.
     */
    private Ready inView(TransitionViews transition) {
        Viewed last = viewed;
        ConsumerView from = last != null && last.node() == transition.before()
                ? last.view()
                : transition.before().view(consumer);
        ConsumerView to = transition.viewAfter(consumer, from);
        viewed = new Viewed(transition.after(), to);
        return transition.in(from, to);
    }
}
