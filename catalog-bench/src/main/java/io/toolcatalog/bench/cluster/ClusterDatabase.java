package io.toolcatalog.bench.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/** A benchmark's plain JDBC to the cluster's database: admin statements, the revision, the change log's commit times. */
public final class ClusterDatabase {

    private ClusterDatabase() {}

    public static long currentRevision(String dbUrl) {
        long[] revision = new long[1];
        query(dbUrl, "SELECT revision FROM catalog_state WHERE id = 1", rs -> revision[0] = get(rs::getLong));
        return revision[0];
    }

    public static Map<Long, Instant> commits(String dbUrl, long after, long upTo) {
        Map<Long, Instant> commits = new TreeMap<>();
        query(
                dbUrl,
                "SELECT revision, committed_at FROM catalog_changes WHERE revision > " + after + " AND revision <= "
                        + upTo,
                rs -> commits.put(get(rs::getLong), getTime(rs).toInstant()));
        return commits;
    }

    private interface SqlGetter<T> {
        T get(int column) throws SQLException;
    }

    private static <T> T get(SqlGetter<T> getter) {
        try {
            return getter.get(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime getTime(ResultSet rs) {
        try {
            return rs.getObject(2, OffsetDateTime.class);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void query(String url, String sql, Consumer<ResultSet> row) {
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                row.accept(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static void sql(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed", e);
        }
    }
}
