package io.toolcatalog.node.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolcatalog.node.robustness.ChangeLogTap.LoggedChange;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The catalog's history as PostgreSQL itself records it: every version of every tool
 * ({@code tool_versions}, each stamped with the revision that wrote it) and the change log, plus
 * the {@link HandEdit}s the checker made in SQL (which leave no trace there). The state of any tool
 * at any revision R is its latest version written at or before R, absent when that version is a
 * deletion or there is none, and replaced by the latest servable hand edit made over that version
 * at or before R. Until a node reloads it serves the version without the edit, so a read or an
 * event may show either: {@link #choices} are both, {@link #at} is the edited one.
 */
final class DatabaseHistory {

    /** One row of {@code tool_versions}. */
    record VersionRow(String name, int version, long revision, String operation, JsonNode document) {

        boolean deleted() {
            return operation.equals("delete");
        }
    }

    private final long revision;
    private final Map<String, TreeMap<Long, VersionRow>> byName;
    private final Map<Long, List<VersionRow>> byRevision;
    private final NavigableMap<Long, LoggedChange> changes;
    private final List<HandEdit> edits;

    private DatabaseHistory(
            long revision,
            Map<String, TreeMap<Long, VersionRow>> byName,
            NavigableMap<Long, LoggedChange> changes,
            List<HandEdit> edits) {
        this.revision = revision;
        this.byName = byName;
        this.changes = changes;
        this.edits = List.copyOf(edits);
        this.byRevision = new HashMap<>();
        byName.values().forEach(rows -> rows.values().forEach(row -> byRevision
                .computeIfAbsent(row.revision(), r -> new ArrayList<>())
                .add(row)));
    }

    static DatabaseHistory read(String jdbcUrl, NavigableMap<Long, LoggedChange> changes, List<HandEdit> edits) {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
                Statement s = c.createStatement()) {
            long revision;
            try (ResultSet rs = s.executeQuery("SELECT revision FROM catalog_state WHERE id = 1")) {
                rs.next();
                revision = rs.getLong(1);
            }
            List<VersionRow> rows = new ArrayList<>();
            try (ResultSet rs =
                    s.executeQuery("SELECT name, version, revision, operation, document::text FROM tool_versions")) {
                while (rs.next()) {
                    rows.add(new VersionRow(
                            rs.getString(1),
                            rs.getInt(2),
                            rs.getLong(3),
                            rs.getString(4),
                            ToolDocuments.parse(rs.getString(5))));
                }
            }
            return of(revision, rows, changes, edits);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the history", e);
        }
    }

    /** A history from its rows: the database's, or a test's. */
    static DatabaseHistory of(long revision, List<VersionRow> rows, NavigableMap<Long, LoggedChange> changes) {
        return of(revision, rows, changes, List.of());
    }

    static DatabaseHistory of(
            long revision, List<VersionRow> rows, NavigableMap<Long, LoggedChange> changes, List<HandEdit> edits) {
        Map<String, TreeMap<Long, VersionRow>> byName = new HashMap<>();
        for (VersionRow row : rows) {
            VersionRow clash =
                    byName.computeIfAbsent(row.name(), n -> new TreeMap<>()).put(row.revision(), row);
            if (clash != null) {
                throw new IllegalStateException("two versions of " + row.name() + " at revision " + row.revision()
                        + ": " + clash.version() + " and " + row.version());
            }
        }
        return new DatabaseHistory(revision, byName, changes, edits);
    }

    /** The catalog's revision now. */
    long revision() {
        return revision;
    }

    /** The tool as of {@code revision}, its latest servable hand edit included, or empty when it did not exist then. */
    Optional<VersionRow> at(String name, long revision) {
        List<VersionRow> choices = choices(name, revision);
        return choices.isEmpty() ? Optional.empty() : Optional.of(choices.get(choices.size() - 1));
    }

    /**
     * What a node may show of the tool at {@code revision}: its version, then each servable hand
     * edit made over that version by then, oldest first (the last is {@link #at}); empty when the
     * tool did not exist then.
     */
    List<VersionRow> choices(String name, long revision) {
        TreeMap<Long, VersionRow> rows = byName.get(name);
        Map.Entry<Long, VersionRow> entry = rows == null ? null : rows.floorEntry(revision);
        if (entry == null || entry.getValue().deleted()) {
            return List.of();
        }
        VersionRow base = entry.getValue();
        List<VersionRow> choices = new ArrayList<>(List.of(base));
        for (HandEdit edit : edits) {
            if (edit.name().equals(name) && edit.appliesOver(base.revision(), revision)) {
                choices.add(new VersionRow(name, base.version(), edit.revision(), "hand edit", edit.document()));
            }
        }
        return choices;
    }

    /** Every tool that existed at {@code revision}, by name (sorted), hand edits included. */
    TreeMap<String, VersionRow> catalogAt(long revision) {
        TreeMap<String, VersionRow> catalog = new TreeMap<>();
        for (String name : byName.keySet()) {
            at(name, revision).ifPresent(row -> catalog.put(name, row));
        }
        return catalog;
    }

    /** Every tool that existed at {@code revision}, by name (sorted), with what a node may show of it. */
    TreeMap<String, List<VersionRow>> choicesAt(long revision) {
        TreeMap<String, List<VersionRow>> catalog = new TreeMap<>();
        for (String name : byName.keySet()) {
            List<VersionRow> choices = choices(name, revision);
            if (!choices.isEmpty()) {
                catalog.put(name, choices);
            }
        }
        return catalog;
    }

    /** Exactly one choice per tool: the catalog at {@code revision} as a settled node must show it. */
    TreeMap<String, List<VersionRow>> settledAt(long revision) {
        TreeMap<String, List<VersionRow>> catalog = new TreeMap<>();
        catalogAt(revision).forEach((name, row) -> catalog.put(name, List.of(row)));
        return catalog;
    }

    /** The hand edits made during the run, in the order they were made. */
    /**
     * A write sent while a hand-edited row could not be served: no node can apply a revision past it
     * then (it keeps its last good snapshot), so the write may fail, and a committed one is answered
     * with a revision its node does not serve yet.
     */
    boolean writeWhileARowWasUnservable(Operation op) {
        return !op.kind().isRead() && edits().stream().anyMatch(edit -> edit.overlapsBadRow(op.startMs(), op.endMs()));
    }

    List<HandEdit> edits() {
        return edits;
    }

    Optional<VersionRow> version(String name, int version) {
        TreeMap<Long, VersionRow> rows = byName.get(name);
        return rows == null
                ? Optional.empty()
                : rows.values().stream().filter(r -> r.version() == version).findFirst();
    }

    /** The version of {@code name} in {@code tool_versions} as of {@code revision}, deletions included, hand edits not. */
    Optional<VersionRow> versionAt(String name, long revision) {
        TreeMap<Long, VersionRow> rows = byName.get(name);
        Map.Entry<Long, VersionRow> entry = rows == null ? null : rows.floorEntry(revision);
        return entry == null ? Optional.empty() : Optional.of(entry.getValue());
    }

    /** The versions written by {@code revision}. */
    List<VersionRow> writtenAt(long revision) {
        return byRevision.getOrDefault(revision, List.of());
    }

    /** The change-log entry of {@code revision}. */
    Optional<LoggedChange> change(long revision) {
        return Optional.ofNullable(changes.get(revision));
    }

    NavigableMap<Long, LoggedChange> changes() {
        return changes;
    }

    /** Every version of {@code name} written between the two revisions, for a report. */
    List<VersionRow> around(String name, long from, long to) {
        TreeMap<Long, VersionRow> rows = byName.get(name);
        return rows == null
                ? List.of()
                : List.copyOf(rows.subMap(from, true, to, true).values());
    }

    int versionCount() {
        return byName.values().stream().mapToInt(Map::size).sum();
    }
}
