package io.toolcatalog.api.watch;

import io.toolcatalog.core.change.CommittedChange;
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
 * reloading thread, in revision order), it keeps the last few steps in memory and hands each step
 * to every open {@link Subscription}. Events therefore only ever show snapshots this node held.
 */
final class TransitionLog implements ReloadHandler {

    /** How a new subscription starts. */
    enum Start {
        /** Ready (a snapshot, a change from memory, or nothing yet to send). */
        READY,
        /** Its first event waits for the change log's names of (since, revision]. */
        NEEDS_CHANGE_LOG
    }

    private record Step(long from, long to, Set<String> names, CommittedChange change) {}

    private final int capacity;
    private final WatchMetrics metrics;
    private final ArrayDeque<Step> recent = new ArrayDeque<>();
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private CatalogSnapshot current = CatalogSnapshot.empty();

    TransitionLog(int capacity, WatchMetrics metrics) {
        this.capacity = Math.max(1, capacity);
        this.metrics = metrics;
    }

    @Override
    public void onReload(CatalogReloaded reloaded) {
        Transition step = new Transition(
                reloaded.previous().revision(), reloaded.changedNames(), reloaded.current(), reloaded.lastChange());
        synchronized (this) {
            current = reloaded.current();
            if (recent.size() == capacity) {
                recent.removeFirst();
            }
            recent.addLast(new Step(step.from(), step.to(), step.names(), step.change()));
        }
        int coalesced = 0;
        for (Subscription subscription : subscriptions) {
            coalesced += subscription.offer(step);
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
        if (since >= at) {
            subscription.startAt(since);
            return Start.READY;
        }
        Step oldest = recent.peekFirst();
        if (oldest != null && oldest.from() <= since) {
            Set<String> names = new HashSet<>();
            CommittedChange last = recent.peekLast().change();
            for (Iterator<Step> it = recent.descendingIterator(); it.hasNext(); ) {
                Step step = it.next();
                if (step.to() <= since) {
                    break;
                }
                names.addAll(step.names());
            }
            subscription.startWith(since, current, names, last);
            return Start.READY;
        }
        subscription.startUnresolved(since, current);
        return Start.NEEDS_CHANGE_LOG;
    }

    void close(Subscription subscription) {
        subscriptions.remove(subscription);
    }
}
