package io.toolcatalog.core.write;

import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.change.RevisionRows;
import io.toolcatalog.core.store.ToolStore;
import io.toolcatalog.core.tool.Tool;
import java.util.ArrayList;
import java.util.List;

/** What a write did: its names, and the rows it left (null when not read back). */
record Written<T>(T value, List<String> names, List<Tool> rows, List<String> removed) {

    static Written<Tool> stored(Tool row) {
        return changed(row, row);
    }

    static <T> Written<T> changed(T value, Tool row) {
        return new Written<>(value, List.of(row.name()), List.of(row), List.of());
    }

    static <T> Written<T> removed(T value, String name) {
        return new Written<>(value, List.of(name), List.of(), List.of(name));
    }

    static <T> Written<T> unchanged(T value) {
        return new Written<>(value, List.of(), List.of(), List.of());
    }

    /** More rows than this are not carried: they would not fit a message; nodes re-read them. */
    static final int MAX_ROWS_READ_BACK = 200;

    /**
     * The rows a batch wrote, read back inside its transaction (so exactly the revision's state), when
     * few enough to be worth carrying; null for a larger batch, which nodes re-read as before.
     */
    static List<Tool> readBack(ToolStore tools, List<Tool> created, List<Tool> updated) {
        if (created.size() + updated.size() > MAX_ROWS_READ_BACK) {
            return null;
        }
        List<String> names = new ArrayList<>();
        created.forEach(t -> names.add(t.name()));
        updated.forEach(t -> names.add(t.name()));
        return names.isEmpty() ? List.of() : tools.findNamed(names);
    }

    /** Every mutation is exactly one revision, so its rows apply to the one before. */
    RevisionRows rowsOf(CommittedChange change) {
        return rows == null ? null : new RevisionRows(change, change.revision() - 1, rows, removed);
    }
}
