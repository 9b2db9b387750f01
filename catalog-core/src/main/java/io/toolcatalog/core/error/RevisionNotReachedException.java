package io.toolcatalog.core.error;

import java.time.Duration;

/** A read asked for a revision this node has not applied within the wait. */
public final class RevisionNotReachedException extends CatalogException {

    private final long requested;
    private final long applied;

    private RevisionNotReachedException(long requested, long applied, String message) {
        super(message);
        this.requested = requested;
        this.applied = applied;
    }

    public static RevisionNotReachedException after(long requested, long applied, Duration waited) {
        return new RevisionNotReachedException(
                requested,
                applied,
                "Revision " + requested + " not applied after " + waited.toMillis() + " ms (applied: " + applied + ")");
    }

    /** Too many reads are already waiting for a revision on this node: answered at once. */
    public static RevisionNotReachedException tooManyWaiters(long requested, long applied, int waiters) {
        return new RevisionNotReachedException(
                requested,
                applied,
                "Revision " + requested + " is not applied yet (applied: " + applied + ") and " + waiters
                        + " reads are already waiting here");
    }

    public long requested() {
        return requested;
    }

    public long applied() {
        return applied;
    }
}
