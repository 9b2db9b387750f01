package io.toolcatalog.api.watch;

import io.toolcatalog.core.store.ChangeSpan;

/**
 * The two reads of PostgreSQL a watch request may need, which the node serves from connections of
 * the watch stream's own (never the writers' pool), each under a statement timeout: the committed
 * revision, to tell a start point ahead of this node from one never committed, and the change
 * log's names of a span this node no longer holds in memory.
 */
public interface WatchDatabase {

    /** The catalog's committed revision. */
    long revision();

    /** The names changed in revisions (after, upTo], when the change log still covers them. */
    ChangeSpan changes(long after, long upTo);
}
