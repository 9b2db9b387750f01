package io.toolcatalog.core.tool;

import java.time.Duration;

/** A read asked for a revision this node has not applied within the wait. */
public final class RevisionNotReachedException extends CatalogException {

    private final long requested;
    private final long applied;

    private RevisionNotReachedException(long requested, long applied, Duration waited) {
        super("Revision " + requested + " not applied after " + waited.toMillis() + " ms (applied: " + applied + ")");
        this.requested = requested;
        this.applied = applied;
    }

    public static RevisionNotReachedException after(long requested, long applied, Duration waited) {
        return new RevisionNotReachedException(requested, applied, waited);
    }

    public long requested() {
        return requested;
    }

    public long applied() {
        return applied;
    }
}
