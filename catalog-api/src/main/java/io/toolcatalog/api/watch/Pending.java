package io.toolcatalog.api.watch;

import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.reload.CatalogSnapshot;
import java.util.HashSet;
import java.util.Set;

/**
 * What one watcher has not been sent yet, always as one event: a snapshot (a reset), or a change
 * from {@code from} to the {@code snapshot}'s revision over {@code names}. Later steps merge into
 * it, so a slow reader holds at most one event, of at most every name of the catalog. The names
 * are resolved against the snapshot only when the event is rendered: a name it holds is changed,
 * one it lacks removed.
 */
final class Pending {

    private final boolean reset;
    private final long from;
    private final Set<String> names = new HashSet<>();
    private CatalogSnapshot snapshot;
    private CommittedChange change;
    /** The one step this event is exactly, when it is one whole unfiltered step; else null. */
    private Transition only;

    private Pending(boolean reset, long from, CatalogSnapshot snapshot) {
        this.reset = reset;
        this.from = from;
        this.snapshot = snapshot;
    }

    static Pending reset(CatalogSnapshot snapshot) {
        return new Pending(true, snapshot.revision(), snapshot);
    }

    static Pending change(long from, CatalogSnapshot snapshot, Set<String> names, CommittedChange change) {
        Pending pending = new Pending(false, from, snapshot);
        pending.names.addAll(names);
        pending.change = change;
        return pending;
    }

    static Pending of(Transition step, Set<String> names, boolean whole) {
        Pending pending = change(step.from(), step.snapshot(), names, step.change());
        pending.only = whole ? step : null;
        return pending;
    }

    /** Takes in a later step (or the change log's names); the event now ends at its snapshot. */
    void merge(CatalogSnapshot later, Set<String> moreNames, CommittedChange laterChange) {
        snapshot = later;
        names.addAll(moreNames);
        change = laterChange;
        only = null;
    }

    boolean isReset() {
        return reset;
    }

    long from() {
        return from;
    }

    long revision() {
        return snapshot.revision();
    }

    CatalogSnapshot snapshot() {
        return snapshot;
    }

    Set<String> names() {
        return names;
    }

    CommittedChange change() {
        return change;
    }

    Transition only() {
        return only;
    }
}
