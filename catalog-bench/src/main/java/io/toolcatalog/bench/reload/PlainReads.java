package io.toolcatalog.bench.reload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The baselines: the same rows read with plain JDBC into plain objects (no JSON parsing, no map,
 * no snapshot), so a figure's ratio to it is what the catalog adds on top of PostgreSQL.
 */
public final class PlainReads {

    private static final String ALL = "SELECT * FROM tools";
    private static final String ONE = "SELECT * FROM tools WHERE name = ?";

    private final DataSource dataSource;

    public PlainReads(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A tools row as it comes: profiles stay the JSON text PostgreSQL sends. */
    public record PlainTool(
            String name,
            String description,
            String category,
            String[] tags,
            boolean enabled,
            String profiles,
            int version,
            long revision,
            Timestamp createdAt,
            String createdBy,
            Timestamp updatedAt,
            String updatedBy) {}

    public List<PlainTool> selectAll() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(ALL);
                ResultSet rs = ps.executeQuery()) {
            List<PlainTool> tools = new ArrayList<>();
            while (rs.next()) {
                tools.add(map(rs));
            }
            return tools;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public PlainTool pointRead(String name) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(ONE)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? map(rs) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PlainTool map(ResultSet rs) throws SQLException {
        return new PlainTool(
                rs.getString("name"),
                rs.getString("description"),
                rs.getString("category"),
                (String[]) rs.getArray("tags").getArray(),
                rs.getBoolean("enabled"),
                rs.getString("profiles"),
                rs.getInt("version"),
                rs.getLong("revision"),
                rs.getTimestamp("created_at"),
                rs.getString("created_by"),
                rs.getTimestamp("updated_at"),
                rs.getString("updated_by"));
    }
}
