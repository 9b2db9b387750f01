package io.toolcatalog.core.tool;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** Reading and writing the columns of {@code tools} rows, shared by the stores that touch them. */
final class ToolRows {

    static final String COLUMNS = "t.name, t.description, t.category, t.tags, t.enabled, t.profiles::text AS profiles,"
            + " t.version, t.revision, t.created_at, t.created_by, t.updated_at, t.updated_by";

    private ToolRows() {}

    static Tool map(ResultSet rs, ToolJson json) throws SQLException {
        return new Tool(
                rs.getString("name"),
                rs.getString("description"),
                rs.getString("category"),
                strings(rs.getArray("tags")),
                rs.getBoolean("enabled"),
                json.readProfiles(rs.getString("profiles")),
                rs.getInt("version"),
                rs.getLong("revision"),
                instant(rs, "created_at"),
                rs.getString("created_by"),
                instant(rs, "updated_at"),
                rs.getString("updated_by"));
    }

    static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        Object[] values = (Object[]) array.getArray();
        return Arrays.stream(values).map(String.class::cast).toList();
    }

    static Array textArray(PreparedStatement ps, Collection<String> values) throws SQLException {
        return ps.getConnection().createArrayOf("text", values.toArray());
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
