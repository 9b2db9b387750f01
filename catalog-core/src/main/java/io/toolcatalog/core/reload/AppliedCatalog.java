package io.toolcatalog.core.reload;

import java.time.Instant;

/**
 * What this node serves, read-only: the snapshot it applied and how current it is. What the HTTP
 * layer, health and membership read; only the reloader changes it.
 */
public interface AppliedCatalog {

    /** The snapshot reads are served from; take it once per request, it may be swapped any time. */
    CatalogSnapshot snapshot();

    /** The revision of {@link #snapshot()}. */
    long applied();

    /** True once a first snapshot was loaded: the node may take traffic. */
    boolean isLoaded();

    /** When this node last confirmed its snapshot matches the database's revision; null if never. */
    Instant lastVerifiedAt();

    /** How many revisions the database was ahead of this node when last looked at. */
    long lag();

    /** How many reload handlers are told of each new snapshot. */
    int handlerCount();
}
