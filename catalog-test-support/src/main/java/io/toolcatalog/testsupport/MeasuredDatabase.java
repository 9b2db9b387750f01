package io.toolcatalog.testsupport;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;

/**
 * What the by-hand measurements ({@code *Measurement}) share: counting a database's committed
 * transactions from {@code pg_stat_database}, running admin SQL, waiting, and percentiles.
 */
public final class MeasuredDatabase {

    /** Idle backends report their counters to {@code pg_stat_database} within this long. */
    public static final Duration STATS_FLUSH = Duration.ofSeconds(11);

    private MeasuredDatabase() {}

    /** Transactions committed in {@code database} so far, read through the server at {@code base}. */
    public static long xactCommit(String base, String database) {
        try (Connection c = DriverManager.getConnection(base, "postgres", "");
                PreparedStatement ps =
                        c.prepareStatement("SELECT xact_commit FROM pg_stat_database WHERE datname = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void sql(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static void pause(Duration duration) {
        await().pollDelay(duration).atMost(duration.plusSeconds(5)).until(() -> true);
    }

    /** The {@code p}th percentile (nearest rank) of {@code values}, in any order; NaN when empty. */
    public static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = Arrays.copyOf(values, values.length);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
