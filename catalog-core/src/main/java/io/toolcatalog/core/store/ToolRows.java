package io.toolcatalog.core.store;

import io.toolcatalog.core.tool.StoredProfiles;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.tool.ToolJson;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

/**
 * The columns of {@code tools} rows, both ways: what a read selects ({@link #COLUMNS}, {@link #map})
 * and what a write sets ({@link #INSERT}, {@link #UPDATE} and their binding). The one class that
 * names them; also the column helpers the other stores share.
 */
final class ToolRows {

    /**
     * Profiles come as text and stay so until used ({@link StoredProfiles}); tags come as text too,
     * split by {@link TextArrayLiteral} (the driver's generic array parser was a third of a full
     * reload); timestamps come as
     * microseconds since the epoch (exact: {@code timestamptz} keeps microseconds), because reading
     * them as {@code OffsetDateTime} made the driver parse text and look up a zone offset per value,
     * about a fifth of a full reload (catalog-bench's full-reload benchmark).
     */
    static final String COLUMNS =
            "t.name, t.description, t.category, t.tags::text AS tags, t.enabled, t.profiles::text AS profiles,"
                    + " t.input_schema::text AS input_schema, t.output_schema::text AS output_schema, t.version, t.revision, "
                    + micros("t.created_at") + " AS created_at_us, t.created_by, "
                    + micros("t.updated_at") + " AS updated_at_us, t.updated_by";

    /** A whole row; {@link #bindInsert} binds it. */
    static final String INSERT =
            """
            INSERT INTO tools AS t (description, category, tags, enabled, profiles, input_schema, output_schema,
                                    version, revision, updated_at, updated_by, created_at, created_by, name)
            VALUES (?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, ?)
            """;

    /** Every column but the name and the creation's; {@link #bindUpdate} binds it. */
    static final String UPDATE =
            """
            UPDATE tools t SET description = ?, category = ?, tags = ?, enabled = ?, profiles = CAST(? AS jsonb),
                               input_schema = CAST(? AS jsonb), output_schema = CAST(? AS jsonb),
                               version = ?, revision = ?, updated_at = ?, updated_by = ?
            WHERE t.name = ?
            """;

    private static final long MICROS_PER_SECOND = 1_000_000L;

    private ToolRows() {}

    /**
     * The {@link #COLUMNS} of the current row, read by position: they come in that order wherever the
     * row starts (a catch-up selects other columns first), and a lookup by name for each was a few
     * per cent of a full reload.
     */
    static Tool map(ResultSet rs, ToolJson json) throws SQLException {
        int c = rs.findColumn("name");
        return new Tool(
                rs.getString(c),
                rs.getString(c + 1),
                rs.getString(c + 2),
                TextArrayLiteral.elements(rs.getString(c + 3)),
                rs.getBoolean(c + 4),
                new StoredProfiles(rs.getString(c + 5), json),
                json.readDocument(rs.getString(c + 6)),
                json.readDocument(rs.getString(c + 7)),
                rs.getInt(c + 8),
                rs.getLong(c + 9),
                fromMicros(rs.getLong(c + 10)),
                rs.getString(c + 11),
                fromMicros(rs.getLong(c + 12)),
                rs.getString(c + 13));
    }

    static void bindInsert(PreparedStatement ps, Tool tool, ToolJson json) throws SQLException {
        int i = bindContent(ps, tool, json);
        ps.setObject(i++, timestamp(tool.createdAt()));
        ps.setString(i++, tool.createdBy());
        ps.setString(i, tool.name());
    }

    static void bindUpdate(PreparedStatement ps, Tool tool, ToolJson json) throws SQLException {
        ps.setString(bindContent(ps, tool, json), tool.name());
    }

    /** Binds the columns {@link #INSERT} and {@link #UPDATE} share, in their order; returns the next index. */
    private static int bindContent(PreparedStatement ps, Tool tool, ToolJson json) throws SQLException {
        int i = 1;
        ps.setString(i++, tool.description());
        ps.setString(i++, tool.category());
        ps.setArray(i++, textArray(ps, tool.tags()));
        ps.setBoolean(i++, tool.enabled());
        ps.setString(i++, json.writeProfiles(tool.profiles()));
        ps.setString(i++, json.writeDocument(tool.inputSchema()));
        ps.setString(i++, json.writeDocument(tool.outputSchema()));
        ps.setInt(i++, tool.version());
        ps.setLong(i++, tool.revision());
        ps.setObject(i++, timestamp(tool.updatedAt()));
        ps.setString(i++, tool.updatedBy());
        return i;
    }

    static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return List.of((String[]) array.getArray());
    }

    static Array textArray(PreparedStatement ps, Collection<String> values) throws SQLException {
        return ps.getConnection().createArrayOf("text", values.toArray());
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static String micros(String column) {
        return "CAST(extract(epoch FROM " + column + ") * " + MICROS_PER_SECOND + " AS bigint)";
    }

    static Instant fromMicros(long micros) {
        return Instant.ofEpochSecond(
                Math.floorDiv(micros, MICROS_PER_SECOND), Math.floorMod(micros, MICROS_PER_SECOND) * 1_000L);
    }

    static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
