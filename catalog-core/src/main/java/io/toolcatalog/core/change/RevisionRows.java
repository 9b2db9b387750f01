package io.toolcatalog.core.change;

import io.toolcatalog.core.cohort.ActiveRollout;
import io.toolcatalog.core.tool.Tool;
import java.util.List;

/**
 * The rows of one committed revision as the committing transaction wrote them: applying {@code
 * changed} and {@code removed} to the catalog at {@code fromRevision} gives exactly the catalog at
 * {@code change.revision()}, so a node at {@code fromRevision} needs no read of PostgreSQL.
 *
 * @param change the change log's record of the revision
 * @param fromRevision the revision these rows apply to (every mutation is one revision: the one before)
 * @param changed the written tools, as the database holds them at the revision
 * @param removed the names the revision deleted
 * @param rollouts the rollouts active at the revision, when it moved one (a rollout's start, step,
 *     pause, resume, end); null when it moved none (they are as they were). A move writes no row of
 *     the tools it holds: {@code changed} then holds their stable rows as the revision left them.
 */
public record RevisionRows(
        CommittedChange change,
        long fromRevision,
        List<Tool> changed,
        List<String> removed,
        List<ActiveRollout> rollouts) {

    public RevisionRows {
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
        rollouts = rollouts == null ? null : List.copyOf(rollouts);
        if (fromRevision >= change.revision()) {
            throw new IllegalArgumentException(
                    "rows from revision " + fromRevision + " cannot lead to revision " + change.revision());
        }
    }

    /** The rows of a revision that moved no rollout. */
    public RevisionRows(CommittedChange change, long fromRevision, List<Tool> changed, List<String> removed) {
        this(change, fromRevision, changed, removed, null);
    }

    /** These rows with {@code active}, the rollouts of their revision. */
    public RevisionRows withRollouts(List<ActiveRollout> active) {
        return new RevisionRows(change, fromRevision, changed, removed, active);
    }

    public long revision() {
        return change.revision();
    }
}
