package io.toolcatalog.api.watch;

import io.toolcatalog.api.error.ApiProblem;
import io.toolcatalog.core.reload.AppliedCatalog;

/**
 * Where a watch starts: its start point checked against the node's catalog and the database, and
 * its subscription opened on the node's recent transitions, which the change log's names complete
 * when the start point is further back than they reach.
 */
final class StartPoints {

    private final AppliedCatalog catalog;
    private final TransitionLog transitions;
    private final ChangeLogReads database;

    StartPoints(AppliedCatalog catalog, TransitionLog transitions, ChangeLogReads database) {
        this.catalog = catalog;
        this.transitions = transitions;
        this.database = database;
    }

    /** 503 before the first snapshot or when the database cannot say; 409 for a revision it never committed. */
    void check(Long since) {
        if (!catalog.isLoaded()) {
            throw ApiProblem.serviceUnavailable("The node has not loaded the catalog yet", 1);
        }
        if (since == null || since <= transitions.current().revision()) {
            return;
        }
        boolean committed;
        try {
            committed = database.committed(since);
        } catch (RuntimeException e) {
            throw ApiProblem.serviceUnavailable("Cannot check revision " + since + " against the database now", 1);
        }
        if (!committed) {
            throw ApiProblem.conflict("Revision " + since + " was never committed: the catalog is at revision "
                    + database.highestCommitted());
        }
    }

    /**
     * Subscribes from {@code since} (null: the current snapshot); true when its first event waits
     * for the change log: then call {@link #readChangeLog}.
     */
    boolean open(Subscription subscription, Long since) {
        return transitions.open(subscription, since) == TransitionLog.Start.NEEDS_CHANGE_LOG;
    }

    void readChangeLog(Subscription subscription, long since) {
        database.resolve(subscription, since);
    }

    void close(Subscription subscription) {
        transitions.close(subscription);
    }
}
