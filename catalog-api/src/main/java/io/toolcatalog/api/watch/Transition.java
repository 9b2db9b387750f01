package io.toolcatalog.api.watch;

import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.reload.CatalogSnapshot;
import java.util.Set;

/**
 * One step of this node's snapshot: from revision {@code from} to the {@code snapshot}'s revision,
 * touching {@code names}; {@code change} is the last logged change it includes (may be null). The
 * unfiltered event of exactly this step is rendered once and shared by every stream that sends it.
 */
final class Transition {

    private final long from;
    private final Set<String> names;
    private final CatalogSnapshot snapshot;
    private final CommittedChange change;
    private volatile byte[] sharedEvent;

    Transition(long from, Set<String> names, CatalogSnapshot snapshot, CommittedChange change) {
        this.from = from;
        this.names = Set.copyOf(names);
        this.snapshot = snapshot;
        this.change = change;
    }

    long from() {
        return from;
    }

    long to() {
        return snapshot.revision();
    }

    Set<String> names() {
        return names;
    }

    CatalogSnapshot snapshot() {
        return snapshot;
    }

    CommittedChange change() {
        return change;
    }

    /** The unfiltered change event of this step alone, rendered on first use. */
    byte[] sharedEvent(EventRenderer renderer) {
        byte[] event = sharedEvent;
        if (event == null) {
            event = renderer.change(from, snapshot, names, change);
            sharedEvent = event;
        }
        return event;
    }
}
