package io.toolcatalog.core.store;

import io.toolcatalog.core.cohort.ActiveRollout;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.tool.ToolJson;
import io.toolcatalog.core.write.CatalogEditor;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code tools} table; its columns, both ways, are {@link ToolRows}'s. Writes run inside the
 * caller's transaction (see {@link CatalogEditor}).
 */
public final class ToolStore {

    private static final String SELECT = "SELECT " + ToolRows.COLUMNS + " FROM tools t";

    private static final String FIND = SELECT + " WHERE t.name = ?";

    private static final String FIND_NAMED = SELECT + " WHERE t.name = ANY(?)";

    /** The written row back, as a catch-up would read it: the rows a change carries come from here. */
    private static final String RETURNING = " RETURNING " + ToolRows.COLUMNS;

    private static final String DELETE = "DELETE FROM tools WHERE name = ?";

    private static final String ACTIVE_ROLLOUTS = "SELECT " + ActiveRollouts.SQL + " AS rollouts";

    private final JdbcTemplate jdbc;
    private final ToolJson json;

    public ToolStore(JdbcTemplate jdbc, ToolJson json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<Tool> find(String name) {
        return jdbc.query(FIND, (rs, i) -> ToolRows.map(rs, json), name).stream()
                .findFirst();
    }

    public List<Tool> findAll() {
        return jdbc.query(SELECT, (rs, i) -> ToolRows.map(rs, json));
    }

    public List<Tool> findNamed(Collection<String> names) {
        return jdbc.query(
                FIND_NAMED, ps -> ps.setArray(1, ToolRows.textArray(ps, names)), (rs, i) -> ToolRows.map(rs, json));
    }

    /**
     * The rollouts active now, each with its candidates parsed; throws {@code
     * RolloutUnreadableException} naming a rollout whose candidate cannot be served.
     */
    public List<ActiveRollout> activeRollouts() {
        return ActiveRollouts.parse(jdbc.queryForObject(ACTIVE_ROLLOUTS, String.class), json);
    }

    /** Inserts; returns the row as the database now holds it. */
    public Tool insert(Tool tool) {
        return written(jdbc.query(
                ToolRows.INSERT + RETURNING,
                ps -> ToolRows.bindInsert(ps, tool, json),
                (rs, i) -> ToolRows.map(rs, json)));
    }

    /** Updates; returns the row as the database now holds it. */
    public Tool update(Tool tool) {
        return written(jdbc.query(
                ToolRows.UPDATE + RETURNING,
                ps -> ToolRows.bindUpdate(ps, tool, json),
                (rs, i) -> ToolRows.map(rs, json)));
    }

    private static Tool written(List<Tool> rows) {
        if (rows.size() != 1) {
            throw new IllegalStateException("expected one written row, got " + rows.size());
        }
        return rows.get(0);
    }

    public void insertAll(List<Tool> tools) {
        jdbc.batchUpdate(ToolRows.INSERT, tools, 500, (ps, tool) -> ToolRows.bindInsert(ps, tool, json));
    }

    public void updateAll(List<Tool> tools) {
        jdbc.batchUpdate(ToolRows.UPDATE, tools, 500, (ps, tool) -> ToolRows.bindUpdate(ps, tool, json));
    }

    public void delete(String name) {
        jdbc.update(DELETE, name);
    }

    public void deleteAll(Collection<String> names) {
        jdbc.update("DELETE FROM tools WHERE name = ANY(?)", ps -> ps.setArray(1, ToolRows.textArray(ps, names)));
    }
}
