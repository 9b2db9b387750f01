package io.toolcatalog.node.robustness;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An operator's edit of a {@code tools} row in SQL, outside the API: no new revision, no
 * {@code tool_versions} row, so the history records it here. It is pinned between two revisions
 * (it holds the {@code catalog_state} row lock while it edits): from {@code revision} on, until the
 * tool's next version, the row holds {@code document}.
 *
 * <p>A servable edit is the database's content of the tool from then on: a node that reloads
 * serves it at the same revision, and watchers and clients must come to hold it. An unservable
 * edit (a row no node can parse) is never served: nodes keep the tool's last good content, so the
 * expected state stays what it was; {@code untilMs} is when the row was put back.
 *
 * @param name the tool edited
 * @param revision the catalog revision when the edit committed
 * @param document the row after the edit, in the API's tool shape
 * @param servable whether nodes must serve the edited row
 * @param atMs when the edit committed, in ms since the run started
 * @param untilMs when an unservable row was repaired; {@link Double#MAX_VALUE} for servable edits
 */
record HandEdit(String name, long revision, JsonNode document, boolean servable, double atMs, double untilMs) {

    /** Whether the edit still holds at {@code at}, given the tool's latest version written at {@code base}. */
    boolean appliesOver(long base, long at) {
        return servable && base <= revision && revision <= at;
    }

    /** Whether an operation between {@code startMs} and {@code endMs} overlapped an unservable row. */
    boolean overlapsBadRow(double startMs, double endMs) {
        return !servable && startMs <= untilMs && endMs >= atMs;
    }

    String describe() {
        return String.format(
                "%s hand edit of %s at revision %d (%.1f s)%s",
                servable ? "servable" : "unservable",
                name,
                revision,
                atMs / 1000,
                servable ? ": " + ToolDocuments.content(document) : "");
    }
}
