package io.toolcatalog.core.cohort;

/**
 * A node could not take an active rollout's candidates (a document it cannot read or serve): the
 * catch-up that met it fails and keeps the last good snapshot, and the rollout is aborted.
 */
public final class RolloutUnreadableException extends RuntimeException {

    private final long rolloutId;

    public RolloutUnreadableException(long rolloutId, String detail, Throwable cause) {
        super("Rollout " + rolloutId + ": " + detail, cause);
        this.rolloutId = rolloutId;
    }

    public long rolloutId() {
        return rolloutId;
    }
}
