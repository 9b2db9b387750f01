package io.toolcatalog.core.cluster;

/**
 * Tells the other nodes of the cluster. Best effort: an implementation never throws and never
 * blocks for long, because PostgreSQL is the truth and the revision poll catches up whatever a
 * lost message missed.
 */
public interface ReloadBroadcaster {

    /** A change was committed here. */
    void catalogChanged(ChangeMessage message);

    /** Every node should perform this explicit reload (the same {@code reloadId} everywhere). */
    void reloadRequested(ReloadRequest request);

    /** For a single node: nobody to tell. */
    static ReloadBroadcaster none() {
        return new ReloadBroadcaster() {
            @Override
            public void catalogChanged(ChangeMessage message) {}

            @Override
            public void reloadRequested(ReloadRequest request) {}
        };
    }
}
