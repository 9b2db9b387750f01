package io.toolcatalog.core.write;

import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.change.RevisionRows;
import io.toolcatalog.core.tool.Tool;
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

    /** Every mutation is exactly one revision, so its rows apply to the one before. */
    RevisionRows rowsOf(CommittedChange change) {
        return rows == null ? null : new RevisionRows(change, change.revision() - 1, rows, removed);
    }
}
