package io.toolcatalog.core.store;

import io.toolcatalog.core.tool.JsonSchemas;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.tool.ToolDigest;
import io.toolcatalog.core.tool.ToolJson;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** The catalog as PostgreSQL holds it: the reads a node's catch-up makes. */
public final class CatalogReads implements CatalogSource {

    private static final String LAST_CHANGE_COLUMNS =
            "c.revision AS change_revision, NULL::text[] AS tool_names, c.operation, c.trigger, c.triggered_by,"
                    + " c.principal, c.reason, c.reload_id, c.origin_node, c.committed_at, c.change_request_id";

    private static final String STATE =
            """
            SELECT s.revision AS state_revision, %s
            FROM catalog_state s LEFT JOIN catalog_changes c ON c.revision = s.revision
            WHERE s.id = 1
            """
                    .formatted(LAST_CHANGE_COLUMNS);

    /**
     * One statement, so one snapshot, and one round trip: the revision, the changes after the
     * applied one, and the rows of the names they touched (a name without a row was deleted). The
     * rule that says whether those rows are the whole story lives here and only here: the log must
     * hold every revision of the gap, and at most {@code max_names} names (the ones asked for
     * included) are re-read, and no schema change is in the gap (a node takes schemas only from a
     * full reload, so the schemas it holds are always those of its revision). Rows come back only then.
     * When a rollout changed in the gap, the active rollouts of the revision come back too.
     */
    private static final String SINCE =
            """
            WITH p AS (SELECT CAST(? AS bigint) AS applied, CAST(? AS text[]) AS reread,
                              CAST(? AS bigint) AS max_names),
                 s AS (SELECT revision FROM catalog_state WHERE id = 1),
                 changes AS (SELECT * FROM catalog_changes
                             WHERE revision > (SELECT applied FROM p) AND revision <= (SELECT revision FROM s)),
                 n AS (SELECT unnest(tool_names) AS changed_name FROM changes
                       UNION SELECT unnest(reread) FROM p),
                 summary AS (SELECT s.revision AS state_revision,
                                    s.revision >= p.applied
                                        AND (SELECT count(*) FROM changes) = s.revision - p.applied
                                        AND (SELECT count(*) FROM n) <= p.max_names
                                        AND NOT EXISTS (SELECT 1 FROM changes
                                                        WHERE operation IN ('schema_set', 'schema_delete'))
                                        AS complete
                             FROM s, p),
                 c AS (SELECT * FROM changes ORDER BY revision DESC LIMIT 1),
                 r AS (SELECT CASE WHEN EXISTS (SELECT 1 FROM changes WHERE operation LIKE 'rollout\\_%%')
                                   THEN %s END AS rollouts)
            SELECT summary.state_revision, summary.complete, r.rollouts, %s, n.changed_name, %s
            FROM summary
            CROSS JOIN r
            LEFT JOIN c ON true
            LEFT JOIN n ON summary.complete
            LEFT JOIN tools t ON t.name = n.changed_name
            """
                    .formatted(ActiveRollouts.SQL, LAST_CHANGE_COLUMNS, ToolRows.COLUMNS);

    /** One statement, so the digest is of the tools at exactly the revision it comes with. */
    private static final String DIGEST =
            "SELECT s.revision, " + ToolDigest.SQL + " AS digest FROM catalog_state s WHERE s.id = 1";

    private final JdbcTemplate jdbc;
    private final ToolStore tools;
    private final ToolJson json;
    private final ChangeLog changeLog;
    private final TransactionTemplate snapshotTx;
    private final ProfileSchemaStore schemas;

    /**
     * Reads on {@code jdbc}'s connections, whose transactions {@code txManager} runs: its stores (the
     * profile schemas compiled with a store of their own) are on those connections too.
     */
    public CatalogReads(JdbcTemplate jdbc, ToolJson json, PlatformTransactionManager txManager) {
        this.jdbc = jdbc;
        this.tools = new ToolStore(jdbc, json);
        this.json = json;
        this.changeLog = new ChangeLog(jdbc);
        this.snapshotTx = new TransactionTemplate(txManager);
        snapshotTx.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshotTx.setReadOnly(true);
        this.schemas = new ProfileSchemaStore(jdbc, json, new JsonSchemas());
    }

    @Override
    public long revision() {
        return changeLog.currentRevision();
    }

    /** Everything, the profile schemas included, in one REPEATABLE READ transaction. */
    @Override
    public CatalogImage readAll() {
        return snapshotTx.execute(status -> {
            CatalogImage state = jdbc.queryForObject(
                    STATE, (rs, i) -> new CatalogImage(rs.getLong("state_revision"), List.of(), ChangeLog.map(rs)));
            return new CatalogImage(
                    state.revision(), tools.findAll(), state.lastChange(), schemas.current(), tools.activeRollouts());
        });
    }

    /** One statement, so one snapshot and one round trip. */
    @Override
    public CatalogDelta readSince(long applied, int maxNames, Collection<String> alsoReread) {
        List<Tool> changed = new ArrayList<>();
        Set<String> removed = new HashSet<>();
        CatalogDelta[] head = new CatalogDelta[1];
        jdbc.query(
                SINCE,
                ps -> {
                    ps.setLong(1, applied);
                    ps.setArray(2, ToolRows.textArray(ps, alsoReread));
                    ps.setLong(3, maxNames);
                },
                rs -> {
                    if (head[0] == null) {
                        head[0] = new CatalogDelta(
                                rs.getLong("state_revision"),
                                rs.getBoolean("complete"),
                                changed,
                                removed,
                                ChangeLog.map(rs),
                                ActiveRollouts.parse(rs.getString("rollouts"), json));
                    }
                    String name = rs.getString("changed_name");
                    if (name == null) {
                        return;
                    }
                    if (rs.getString("name") == null) {
                        removed.add(name);
                    } else {
                        changed.add(ToolRows.map(rs, json));
                    }
                });
        if (head[0] == null) {
            throw new IllegalStateException("catalog_state has no row: migrations did not run");
        }
        return head[0];
    }

    @Override
    public RevisionDigest digest() {
        return jdbc.queryForObject(
                DIGEST, (rs, i) -> new RevisionDigest(rs.getLong("revision"), ToolDigest.format(rs.getLong("digest"))));
    }
}
