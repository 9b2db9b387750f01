package io.toolcatalog.node.robustness;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Copies {@code catalog_changes} as it grows. The nodes run with a short change-log retention, so
 * they prune it during the run; the checker still needs every entry. Revisions commit in order,
 * so reading past the last one seen never skips one.
 */
final class ChangeLogTap implements AutoCloseable {

    /** One entry of the change log. */
    record LoggedChange(long revision, List<String> names, String operation, String reason) {

        LoggedChange(long revision, List<String> names, String operation) {
            this(revision, names, operation, null);
        }
    }

    private static final String SINCE =
            "SELECT revision, tool_names, operation, reason FROM catalog_changes WHERE revision > ? ORDER BY revision";

    private final String jdbcUrl;
    private final NavigableMap<Long, LoggedChange> changes = new ConcurrentSkipListMap<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "change-log-tap");
        t.setDaemon(true);
        return t;
    });

    ChangeLogTap(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    void start() {
        thread.scheduleWithFixedDelay(this::pollQuietly, 0, 200, TimeUnit.MILLISECONDS);
    }

    /** Stops polling and reads what is left; the entries by revision. */
    NavigableMap<Long, LoggedChange> finish() {
        close();
        poll();
        return changes;
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            System.err.println("change-log tap: " + e);
        }
    }

    private synchronized void poll() {
        long after = changes.isEmpty() ? 0 : changes.lastKey();
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
                PreparedStatement ps = c.prepareStatement(SINCE)) {
            ps.setLong(1, after);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Array names = rs.getArray("tool_names");
                    changes.put(
                            rs.getLong("revision"),
                            new LoggedChange(
                                    rs.getLong("revision"),
                                    Arrays.stream((Object[]) names.getArray())
                                            .map(String.class::cast)
                                            .toList(),
                                    rs.getString("operation"),
                                    rs.getString("reason")));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read catalog_changes", e);
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
