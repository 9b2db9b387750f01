package io.toolcatalog.node.robustness;

import io.toolcatalog.testsupport.NodeProcess;
import io.toolcatalog.testsupport.PrivateRedis;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The servers a run's faults hit: its nodes, its private Redis, and the PostgreSQL connections of
 * its nodes (at {@code postgresUrl}, their application names starting with {@code
 * applicationNamePrefix}).
 */
record Servers(List<NodeProcess> nodes, PrivateRedis redis, String postgresUrl, String applicationNamePrefix) {

    /** Kills the PostgreSQL connections of one node ({@code node} ≥ 0) or of all of them. */
    int terminateBackends(int node) {
        String prefix = applicationNamePrefix + (node < 0 ? "" : NodeNames.id(node));
        String sql = "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity"
                + " WHERE left(application_name, length(?)) = ? AND pid <> pg_backend_pid()";
        try (Connection c = DriverManager.getConnection(postgresUrl, "postgres", "");
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, prefix);
            ps.setString(2, prefix);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("pg_terminate_backend failed", e);
        }
    }
}
