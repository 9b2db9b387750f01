package io.toolcatalog.core.store;

import io.toolcatalog.core.tool.ToolJson;
import io.toolcatalog.core.tool.ToolVersion;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/** The {@code tool_versions} table: every version of every tool, deletions included. */
public final class ToolVersionStore {

    private static final String INSERT =
            """
            INSERT INTO tool_versions (name, version, document, operation, revision, changed_at, changed_by)
            VALUES (?, ?, CAST(? AS jsonb), ?, ?, ?, ?)
            """;

    private static final String LIST =
            """
            SELECT name, version, document::text AS document, operation, revision, changed_at, changed_by
            FROM tool_versions WHERE name = ? ORDER BY version DESC LIMIT ? OFFSET ?
            """;

    private static final String FIND =
            """
            SELECT name, version, document::text AS document, operation, revision, changed_at, changed_by
            FROM tool_versions WHERE name = ? AND version = ?
            """;

    /**
     * For each name, its version written at a revision, its last version before it and its newest
     * version: three index walks on the primary key (name, version) per name.
     */
    private static final String AROUND =
            """
            (SELECT DISTINCT ON (name) 'at' AS kind, %1$s FROM tool_versions
               WHERE name = ANY(?) AND revision = ? ORDER BY name, version DESC)
            UNION ALL
            (SELECT DISTINCT ON (name) 'before' AS kind, %1$s FROM tool_versions
               WHERE name = ANY(?) AND revision < ? ORDER BY name, version DESC)
            UNION ALL
            (SELECT DISTINCT ON (name) 'latest' AS kind, %1$s FROM tool_versions
               WHERE name = ANY(?) ORDER BY name, version DESC)
            """
                    .formatted(
                            "name, version, document::text AS document, operation, revision, changed_at, changed_by");

    private static final String EXACT =
            """
            SELECT v.name, v.version, v.document::text AS document, v.operation, v.revision, v.changed_at, v.changed_by
            FROM tool_versions v JOIN unnest(?::text[], ?::int[]) AS wanted(name, version)
              ON v.name = wanted.name AND v.version = wanted.version
            """;

    private static final String LAST_VERSIONS =
            "SELECT name, max(version) AS version FROM tool_versions WHERE name = ANY(?) GROUP BY name";

    private final JdbcTemplate jdbc;
    private final ToolJson json;

    public ToolVersionStore(JdbcTemplate jdbc, ToolJson json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Newest first. */
    public List<ToolVersion> list(String name, int limit, int offset) {
        return jdbc.query(LIST, this::map, name, limit, offset);
    }

    public int count(String name) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM tool_versions WHERE name = ?", Integer.class, name);
        return count == null ? 0 : count;
    }

    public Optional<ToolVersion> find(String name, int version) {
        return jdbc.query(FIND, this::map, name, version).stream().findFirst();
    }

    /** The version of each name that {@code wanted} gives, by name; versions never written are absent. */
    public Map<String, ToolVersion> exact(Map<String, Integer> wanted) {
        if (wanted.isEmpty()) {
            return Map.of();
        }
        List<String> names = List.copyOf(wanted.keySet());
        return jdbc
                .query(
                        EXACT,
                        ps -> {
                            ps.setArray(1, ToolRows.textArray(ps, names));
                            ps.setArray(
                                    2,
                                    ps.getConnection()
                                            .createArrayOf(
                                                    "integer",
                                                    names.stream()
                                                            .map(wanted::get)
                                                            .toArray()));
                        },
                        this::map)
                .stream()
                .collect(Collectors.toMap(ToolVersion::name, v -> v));
    }

    /** The highest version each name ever had; names never seen are absent. */
    public Map<String, Integer> lastVersions(Collection<String> names) {
        return jdbc
                .query(
                        LAST_VERSIONS,
                        ps -> ps.setArray(1, ToolRows.textArray(ps, names)),
                        (rs, i) -> Map.entry(rs.getString("name"), rs.getInt("version")))
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The versions of each of {@code names} around {@code revision}; names it did not write are absent. */
    public List<VersionsAround> around(long revision, Collection<String> names) {
        Map<String, ToolVersion[]> found = new TreeMap<>();
        jdbc.query(
                AROUND,
                ps -> {
                    ps.setArray(1, ToolRows.textArray(ps, names));
                    ps.setLong(2, revision);
                    ps.setArray(3, ToolRows.textArray(ps, names));
                    ps.setLong(4, revision);
                    ps.setArray(5, ToolRows.textArray(ps, names));
                },
                rs -> {
                    int slot = List.of("at", "before", "latest").indexOf(rs.getString("kind"));
                    found.computeIfAbsent(rs.getString("name"), n -> new ToolVersion[3])[slot] = map(rs, 0);
                });
        return found.entrySet().stream()
                .filter(e -> e.getValue()[0] != null)
                .map(e -> new VersionsAround(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2]))
                .toList();
    }

    public void record(Collection<ToolVersion> versions) {
        jdbc.batchUpdate(INSERT, versions, 500, (ps, v) -> {
            ps.setString(1, v.name());
            ps.setInt(2, v.version());
            ps.setString(3, json.writeTool(v.document()));
            ps.setString(4, v.operation());
            ps.setLong(5, v.revision());
            ps.setObject(6, ToolRows.timestamp(v.changedAt()));
            ps.setString(7, v.changedBy());
        });
    }

    private ToolVersion map(ResultSet rs, int row) throws SQLException {
        return new ToolVersion(
                rs.getString("name"),
                rs.getInt("version"),
                json.readTool(rs.getString("document")),
                rs.getString("operation"),
                rs.getLong("revision"),
                ToolRows.instant(rs, "changed_at"),
                rs.getString("changed_by"));
    }
}
