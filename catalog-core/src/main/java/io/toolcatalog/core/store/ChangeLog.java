package io.toolcatalog.core.store;

import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.error.RolloutException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code catalog_state} and {@code catalog_changes}: the revision counter whose row lock
 * serialises writers, and the log of which names each revision touched.
 */
public final class ChangeLog {

    private static final String NEXT_REVISION =
            "UPDATE catalog_state SET revision = revision + 1 WHERE id = 1 RETURNING revision";

    private static final String INSERT =
            """
            INSERT INTO catalog_changes (revision, tool_names, operation, trigger, triggered_by, principal, reason,
                                         reload_id, origin_node, committed_at, change_request_id)
            SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
            WHERE ? OR NOT EXISTS (SELECT 1 FROM rollout_locks WHERE name = ANY (?))
            """;

    private static final String HOLDER = "SELECT rollout_id, array_agg(name ORDER BY name) AS names FROM rollout_locks"
            + " WHERE name = ANY (?) GROUP BY rollout_id ORDER BY rollout_id LIMIT 1";

    /** The operations of a rollout's own revisions: the only writes to the tools a rollout holds. */
    public static final String ROLLOUT_OPERATION_PREFIX = "rollout_";

    /** The operation that starts a rollout: the one move whose message carries its candidates. */
    public static final String ROLLOUT_START = ROLLOUT_OPERATION_PREFIX + "start";

    static final String COLUMNS = "c.revision AS change_revision, c.tool_names, c.operation, c.trigger,"
            + " c.triggered_by, c.principal, c.reason, c.reload_id, c.origin_node, c.committed_at, c.change_request_id";

    private static final String SPAN =
            """
            WITH span AS (SELECT * FROM catalog_changes WHERE revision > ? AND revision <= ?),
                 c AS (SELECT * FROM span ORDER BY revision DESC LIMIT 1)
            SELECT (SELECT count(*) FROM span) AS change_count,
                   (SELECT array_agg(DISTINCT n) FROM span, unnest(span.tool_names) AS n) AS span_names,
                   %s
            FROM (SELECT 1) one LEFT JOIN c ON true
            """
                    .formatted(COLUMNS);

    private final JdbcTemplate jdbc;

    public ChangeLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes the next revision; the row lock it leaves is held until the caller's transaction ends. */
    public long nextRevision() {
        Long revision = jdbc.queryForObject(NEXT_REVISION, Long.class);
        if (revision == null) {
            throw new IllegalStateException("catalog_state has no row: migrations did not run");
        }
        return revision;
    }

    /**
     * Takes the revision row's lock without taking a revision, so writes of one transaction that
     * each take theirs under a savepoint never wait for it again; held until the transaction ends.
     */
    public void lockRevision() {
        jdbc.queryForObject("SELECT revision FROM catalog_state WHERE id = 1 FOR UPDATE", Long.class);
    }

    /**
     * Bounds the caller's transaction: how long it may wait for a lock (the revision row, held by
     * the writer before it) and how long any one statement may run. Either one running out fails
     * the statement, and so the transaction.
     */
    public void boundWaits(Duration lockTimeout, Duration statementTimeout) {
        jdbc.execute("SET LOCAL lock_timeout = " + lockTimeout.toMillis());
        jdbc.execute("SET LOCAL statement_timeout = " + statementTimeout.toMillis());
    }

    /**
     * The {@code reload_id} committed at {@code revision}, if any. Waits (at most
     * {@code lockTimeout}) for a writer still holding the revision row, so a commit still in
     * flight is decided before the change log is read; call it inside a transaction.
     */
    public Optional<UUID> reloadIdAt(long revision, Duration lockTimeout) {
        jdbc.execute("SET LOCAL lock_timeout = " + lockTimeout.toMillis());
        jdbc.queryForObject("SELECT revision FROM catalog_state WHERE id = 1 FOR SHARE", Long.class);
        return jdbc
                .queryForList("SELECT reload_id FROM catalog_changes WHERE revision = ?", UUID.class, revision)
                .stream()
                .findFirst();
    }

    /** The catalog's committed revision. */
    public long currentRevision() {
        Long revision = jdbc.queryForObject("SELECT revision FROM catalog_state WHERE id = 1", Long.class);
        return revision == null ? 0 : revision;
    }

    /**
     * Records {@code change}; throws {@link RolloutException} (and records nothing) when it touches a
     * tool an active rollout holds and is not that rollout's own revision. Checked in the same
     * statement, after the revision lock, so no write can slip past a rollout starting on another node.
     */
    public void record(CommittedChange change) {
        boolean rollouts = change.operation().startsWith(ROLLOUT_OPERATION_PREFIX);
        int inserted = jdbc.update(INSERT, ps -> {
            ps.setLong(1, change.revision());
            ps.setArray(2, ToolRows.textArray(ps, change.toolNames()));
            ps.setString(3, change.operation());
            ps.setString(4, change.trigger().value());
            ps.setString(5, change.triggeredBy());
            ps.setString(6, change.principal());
            ps.setString(7, change.reason());
            ps.setObject(8, change.reloadId());
            ps.setString(9, change.originNode());
            ps.setObject(10, ToolRows.timestamp(change.committedAt()));
            ps.setObject(11, change.changeRequestId());
            ps.setBoolean(12, rollouts);
            ps.setArray(13, ToolRows.textArray(ps, change.toolNames()));
        });
        if (inserted == 0) {
            jdbc.query(
                    HOLDER,
                    ps -> ps.setArray(1, ToolRows.textArray(ps, change.toolNames())),
                    (org.springframework.jdbc.core.RowCallbackHandler) rs -> {
                        throw RolloutException.toolsBusy(rs.getLong("rollout_id"), List.of((String[])
                                rs.getArray("names").getArray()));
                    });
            throw new IllegalStateException("revision " + change.revision() + " was not recorded");
        }
    }

    /**
     * What the log holds of the revisions in {@code (after, upTo]}, in one statement: a watcher
     * resuming from {@code after} needs exactly the names changed there, and only if none of those
     * revisions were pruned.
     */
    public ChangeSpan span(long after, long upTo) {
        return jdbc.queryForObject(
                SPAN,
                (rs, i) -> {
                    Array names = rs.getArray("span_names");
                    return new ChangeSpan(
                            after,
                            upTo,
                            rs.getLong("change_count"),
                            names == null ? Set.of() : new HashSet<>(ToolRows.strings(names)),
                            map(rs));
                },
                after,
                upTo);
    }

    /** What the log holds of {@code revision}: empty when it was pruned or never committed. */
    public Optional<CommittedChange> find(long revision) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM catalog_changes c WHERE c.revision = ?",
                        (rs, i) -> map(rs),
                        revision)
                .stream()
                .findFirst();
    }

    /** Forgets changes committed before {@code cutoff}; nodes further behind than that reload fully. */
    public int pruneBefore(Instant cutoff) {
        return jdbc.update(
                "DELETE FROM catalog_changes WHERE committed_at < ? AND revision < (SELECT revision FROM catalog_state)",
                ToolRows.timestamp(cutoff));
    }

    /** Maps the {@link #COLUMNS} of a row, or null when the row carries no change. */
    static CommittedChange map(ResultSet rs) throws SQLException {
        long revision = rs.getLong("change_revision");
        if (rs.wasNull()) {
            return null;
        }
        return new CommittedChange(
                revision,
                ToolRows.strings(rs.getArray("tool_names")),
                rs.getString("operation"),
                ReloadTrigger.from(rs.getString("trigger")),
                rs.getString("triggered_by"),
                rs.getString("principal"),
                rs.getString("reason"),
                rs.getObject("reload_id", java.util.UUID.class),
                rs.getString("origin_node"),
                ToolRows.instant(rs, "committed_at"),
                rs.getObject("change_request_id", Long.class));
    }
}
