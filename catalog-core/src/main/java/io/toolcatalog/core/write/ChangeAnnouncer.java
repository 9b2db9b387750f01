package io.toolcatalog.core.write;

import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.change.RevisionRows;

/**
 * Where {@link CatalogEditor} hands what it committed: the port it owns, so the editor knows nothing
 * of the cluster or of how this node applies a change. Both calls return once this node serves the
 * revision, so a caller always reads its own writes.
 */
public interface ChangeAnnouncer {

    /**
     * {@code change} was committed. Tell the cluster (best effort, never throws for the cluster) and
     * apply it here: from {@code rows} when not null (the revision's rows, read in its transaction),
     * else from the database.
     */
    void committed(CommittedChange change, RevisionRows rows);

    /** Nothing was committed, but the answer names {@code revision}: make sure this node serves it. */
    void serveAtLeast(long revision);
}
