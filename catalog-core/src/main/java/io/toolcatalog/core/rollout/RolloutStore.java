package io.toolcatalog.core.rollout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.toolcatalog.core.error.RolloutException;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.tool.ToolJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/** The rollout tables: a rollout's row, its candidates, the tools it holds and its history; the outcomes reported on it through {@link #outcomeStore()}. */
public final class RolloutStore {

    private static final String COLUMNS =
            """
            r.id, r.change_request_id, r.state, r.steps::text AS steps, r.step, r.percent,
            r.cohort_labels::text AS cohort_labels, r.failure_rate_margin, r.min_reports, r.window_seconds,
            r.auto_advance, r.started_revision, r.revision, r.step_started_at, r.started_by, r.reason,
            r.created_at, r.updated_at,
            ARRAY(SELECT c.name FROM rollout_candidates c WHERE c.rollout_id = r.id ORDER BY c.name) AS tools
            """;

    private static final TypeReference<List<Map<String, Object>>> STEPS = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {};

    private final JdbcTemplate jdbc;
    private final ToolJson tools;
    private final ObjectMapper mapper = new ObjectMapper();
    private final RowMapper<Rollout> rows = this::map;
    private final OutcomeStore outcomes;

    public RolloutStore(JdbcTemplate jdbc, ToolJson tools) {
        this.jdbc = jdbc;
        this.tools = tools;
        this.outcomes = new OutcomeStore(jdbc);
    }

    /** The outcomes reported on rollouts ({@code rollout_outcomes}). */
    OutcomeStore outcomeStore() {
        return outcomes;
    }

    /** A new running rollout at its first step, started at {@code revision}; its id. */
    long insert(long changeRequestId, RolloutPlan plan, long revision, String by, Instant at) {
        return jdbc.queryForObject(
                """
                INSERT INTO rollouts (change_request_id, state, steps, step, percent, cohort_labels,
                                      failure_rate_margin, min_reports, window_seconds, auto_advance,
                                      started_revision, revision, step_started_at, started_by, created_at, updated_at)
                VALUES (?, 'running', ?::jsonb, 0, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                RETURNING id
                """,
                Long.class,
                changeRequestId,
                json(plan.steps().stream()
                        .map(s -> Map.of(
                                "percent", s.percent(), "hold_seconds", s.hold().toSeconds()))
                        .toList()),
                plan.steps().get(0).percent(),
                json(plan.cohortLabels()),
                plan.abortWhen().failureRateMargin(),
                plan.abortWhen().minReports(),
                plan.abortWhen().window().toSeconds(),
                plan.autoAdvance(),
                revision,
                revision,
                timestamp(at),
                by,
                timestamp(at),
                timestamp(at));
    }

    /**
     * Marks {@code names} as held by rollout {@code id}; throws {@link RolloutException} naming the
     * rollout that holds one already (one rollout per tool at a time).
     */
    void hold(long id, List<String> names) {
        for (String name : names) {
            int inserted = jdbc.update(
                    "INSERT INTO rollout_locks (name, rollout_id) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                    name,
                    id);
            if (inserted == 0) {
                Long holder =
                        jdbc.queryForObject("SELECT rollout_id FROM rollout_locks WHERE name = ?", Long.class, name);
                throw RolloutException.toolsBusy(holder, List.of(name));
            }
        }
    }

    void release(long id) {
        jdbc.update("DELETE FROM rollout_locks WHERE rollout_id = ?", id);
    }

    /** The candidates: each name's tool, or empty when the candidate deletes it; {@code stable} the versions they replace. */
    void candidates(long id, Map<String, Optional<Tool>> candidates, Map<String, Integer> stable) {
        for (Map.Entry<String, Optional<Tool>> c : candidates.entrySet()) {
            jdbc.update(
                    "INSERT INTO rollout_candidates (rollout_id, name, document, stable_version) VALUES (?, ?, ?::jsonb, ?)",
                    id,
                    c.getKey(),
                    c.getValue().map(tools::writeTool).orElse(null),
                    stable.get(c.getKey()));
        }
    }

    Optional<Rollout> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM rollouts r WHERE r.id = ?", rows, id).stream()
                .findFirst();
    }

    /** The rollout's row, locked for the caller's transaction. */
    Optional<Rollout> lock(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM rollouts r WHERE r.id = ? FOR UPDATE OF r", rows, id).stream()
                .findFirst();
    }

    /** The rollout's row locked, or empty when another transaction holds it (another node is stepping it). */
    Optional<Rollout> lockUnlessClaimed(long id) {
        return jdbc
                .query("SELECT " + COLUMNS + " FROM rollouts r WHERE r.id = ? FOR UPDATE OF r SKIP LOCKED", rows, id)
                .stream()
                .findFirst();
    }

    List<Rollout> list(RolloutState state, int limit) {
        if (state == null) {
            return jdbc.query("SELECT " + COLUMNS + " FROM rollouts r ORDER BY r.id DESC LIMIT ?", rows, limit);
        }
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM rollouts r WHERE r.state = ? ORDER BY r.id DESC LIMIT ?",
                rows,
                state.value(),
                limit);
    }

    List<Long> running() {
        return jdbc.queryForList("SELECT id FROM rollouts WHERE state = 'running' ORDER BY id", Long.class);
    }

    /** Moves the locked rollout to {@code state} at {@code step}, changed at {@code revision}, and records it in its history. */
    void moved(
            Rollout from,
            RolloutState state,
            int step,
            long revision,
            boolean stepStarted,
            String by,
            String reason,
            Instant at) {
        double percent =
                from.steps().get(Math.min(step, from.steps().size() - 1)).percent();
        if (state == RolloutState.COMPLETED) {
            percent = 100;
        }
        jdbc.update(
                """
                UPDATE rollouts SET state = ?, step = ?, percent = ?, revision = ?, reason = coalesce(?, reason),
                       step_started_at = CASE WHEN ? THEN ? ELSE step_started_at END, updated_at = ?
                WHERE id = ?
                """,
                state.value(),
                step,
                percent,
                revision,
                reason,
                stepStarted,
                timestamp(at),
                timestamp(at),
                from.id());
        recordChange(from.id(), revision, state, step, percent, by, reason, at);
    }

    void recordChange(
            long id,
            long revision,
            RolloutState state,
            int step,
            double percent,
            String by,
            String reason,
            Instant at) {
        jdbc.update(
                "INSERT INTO rollout_states (rollout_id, revision, state, step, percent, actor, reason, at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                id,
                revision,
                state.value(),
                step,
                percent,
                by,
                reason,
                timestamp(at));
    }

    List<Rollout.RolloutChange> history(long id) {
        return jdbc.query(
                "SELECT revision, state, step, percent, at, actor, reason FROM rollout_states"
                        + " WHERE rollout_id = ? ORDER BY revision",
                (rs, i) -> new Rollout.RolloutChange(
                        rs.getLong("revision"),
                        RolloutState.from(rs.getString("state")),
                        rs.getInt("step"),
                        rs.getDouble("percent"),
                        instant(rs, "at"),
                        rs.getString("actor"),
                        rs.getString("reason")),
                id);
    }

    private Rollout map(ResultSet rs, int i) throws SQLException {
        List<RolloutStep> steps = new ArrayList<>();
        for (Map<String, Object> s : read(rs.getString("steps"), STEPS)) {
            steps.add(new RolloutStep(
                    ((Number) s.get("percent")).doubleValue(),
                    Duration.ofSeconds(((Number) s.get("hold_seconds")).longValue())));
        }
        return new Rollout(
                rs.getLong("id"),
                rs.getLong("change_request_id"),
                RolloutState.from(rs.getString("state")),
                rs.getInt("step"),
                rs.getDouble("percent"),
                steps,
                read(rs.getString("cohort_labels"), LABELS),
                new AbortRule(
                        rs.getDouble("failure_rate_margin"),
                        rs.getInt("min_reports"),
                        Duration.ofSeconds(rs.getInt("window_seconds"))),
                rs.getBoolean("auto_advance"),
                List.of((String[]) rs.getArray("tools").getArray()),
                rs.getLong("started_revision"),
                rs.getLong("revision"),
                instant(rs, "step_started_at"),
                rs.getString("started_by"),
                rs.getString("reason"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private <T> T read(String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored rollout cannot be read", e);
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rollout cannot be written", e);
        }
    }

    static OffsetDateTime timestamp(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
