package io.toolcatalog.api.watch;

import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.reload.AppliedChange;
import io.toolcatalog.core.reload.CatalogReloaded;
import io.toolcatalog.core.reload.CatalogSnapshot;
import io.toolcatalog.core.reload.ReloadHandler;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's snapshot transitions, as the watch stream sees them: told of every reload (on the
 * reloader's report thread, in revision order), it keeps the last few steps in memory and hands each step
 * to every open {@link Subscription}. Events therefore only ever show snapshots this node held. A
 * reload that swapped new content in at the same revision is a reset step: every watcher holding
 * that revision gets the whole catalog again.
 *
 * <p>Each watcher gets each step in its consumer's view ({@link TransitionViews}). The recent steps
 * keep the names of the rollouts' tools at either end, not the snapshots: a watcher with an id that
 * resumes from memory gets those names too, so whatever its view was at its start point, the event
 * carries every row that can differ in its view now.
 */
final class TransitionLog implements ReloadHandler {

    /** How a new subscription starts. */
    enum Start {
        /** Ready (a snapshot, a change from memory, or nothing yet to send). */
        READY,
        /** Its first event waits for the change log's names of (since, revision]. */
        NEEDS_CHANGE_LOG
    }

    private final int capacity;
    private final WatchMetrics metrics;
    private final FrameCache frames;
    /** A step kept in memory, with the tools of the rollouts active at either of its ends. */
    private record Recent(AppliedChange step, Set<String> rolloutNames) {}

    private final ArrayDeque<Recent> recent = new ArrayDeque<>();
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private CatalogSnapshot current = CatalogSnapshot.empty();

    TransitionLog(int capacity, WatchMetrics metrics, FrameCache frames) {
        this.capacity = Math.max(1, capacity);
        this.metrics = metrics;
        this.frames = frames;
    }

    @Override
    public void onReload(CatalogReloaded reloaded) {
        AppliedChange step = reloaded.applied();
        TransitionViews views = new TransitionViews(reloaded);
        synchronized (this) {
            current = reloaded.current();
            if (recent.size() == capacity) {
                recent.removeFirst();
            }
            recent.addLast(new Recent(step, views.rolloutNames()));
        }
        frames.clear();
        int coalesced = 0;
        for (Subscription subscription : subscriptions) {
            coalesced += subscription.offer(views);
        }
        metrics.coalesced(coalesced);
    }

    /** The snapshot the watch stream is at: the last one this node told it of. */
    synchronized CatalogSnapshot current() {
        return current;
    }

    /**
     * Adds a subscription starting at {@code since} (null: with a snapshot). Registration and the
     * start point are decided under the same lock as each step is recorded, so no step falls
     * between them.
     */
    synchronized Start open(Subscription subscription, Long since) {
        subscriptions.add(subscription);
        long at = current.revision();
        if (since == null) {
            subscription.startWith(current);
            return Start.READY;
        }
        AppliedChange latest = recent.isEmpty() ? null : recent.peekLast().step();
        if (since == at && latest != null && latest.reset() && !latest.names().isEmpty()) {
            // new content came in at this very revision: the watcher may have left before hearing of it
            subscription.startWith(current);
            return Start.READY;
        }
        if (since >= at) {
            subscription.startAt(since);
            return Start.READY;
        }
        AppliedChange oldest = recent.isEmpty() ? null : recent.peekFirst().step();
        if (oldest != null && oldest.from() <= since) {
            Set<String> names = new HashSet<>();
            CommittedChange last = latest.lastChange();
            boolean straddles = false;
            for (Iterator<Recent> it = recent.descendingIterator(); it.hasNext(); ) {
                Recent kept = it.next();
                AppliedChange step = kept.step();
                if (step.to() <= since) {
                    break;
                }
                // a step from below the start point names what differs over its whole span, which
                // need not cover what changed after the start (a tool made at since, gone after)
                straddles |= step.from() < since;
                names.addAll(step.names());
                if (subscription.identified()) {
                    names.addAll(kept.rolloutNames());
                }
            }
            if (!straddles) {
                subscription.startWith(since, current, names, last);
                return Start.READY;
            }
        }
        subscription.startUnresolved(since, current);
        return Start.NEEDS_CHANGE_LOG;
    }

    void close(Subscription subscription) {
        subscriptions.remove(subscription);
    }
}
