package io.toolcatalog.core.change;

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
 */
public record RevisionRows(CommittedChange change, long fromRevision, List<Tool> changed, List<String> removed) {

    public RevisionRows {
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
        if (fromRevision >= change.revision()) {
            throw new IllegalArgumentException(
                    "rows from revision " + fromRevision + " cannot lead to revision " + change.revision());
        }
    }

    public long revision() {
        return change.revision();
    }
}
