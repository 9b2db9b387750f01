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

/** Reading and writing the columns of {@code tools} rows, shared by the stores that touch them. */
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
