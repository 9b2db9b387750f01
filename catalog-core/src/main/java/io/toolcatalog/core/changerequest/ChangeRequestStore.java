package io.toolcatalog.core.changerequest;

import io.toolcatalog.core.changerequest.ChangeRequest.Approval;
import io.toolcatalog.core.changerequest.ChangeRequest.StateEvent;
import io.toolcatalog.core.write.StagedEdit;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code change_requests} tables. Reads of one request come with its items and the approvals
 * of its current content; {@link #lock} reads it under a row lock that the caller's transaction
 * holds until it ends, which is what serialises every transition of one request across nodes.
 */
public final class ChangeRequestStore {

    private static final String COLUMNS = "id, title, description, state, author, base_revision, content_hash,"
            + " publish_at, published_revision, failure_reason, created_at, updated_at";

    private static final String INSERT =
            """
            INSERT INTO change_requests (title, description, state, author, base_revision, content_hash,
                                         created_at, updated_at)
            VALUES (?, ?, 'draft', ?, (SELECT revision FROM catalog_state WHERE id = 1), ?, ?, ?)
            RETURNING id
            """;

    private static final String UPDATE =
            """
            UPDATE change_requests
            SET state = ?, content_hash = ?, base_revision = ?, publish_at = ?, published_revision = ?,
                failure_reason = ?, updated_at = ?
            WHERE id = ? AND state = ?
            """;

    private static final String PUT_ITEM =
            """
            INSERT INTO change_request_items (change_request_id, name, action, tool, base_version, staged_at, staged_by)
            VALUES (?, ?, ?, ?::jsonb, ?, ?, ?)
            ON CONFLICT (change_request_id, name) DO UPDATE
            SET action = EXCLUDED.action, tool = EXCLUDED.tool, base_version = EXCLUDED.base_version,
                staged_at = EXCLUDED.staged_at, staged_by = EXCLUDED.staged_by
            """;

    private static final String DUE =
            """
            SELECT id FROM change_requests
            WHERE state = 'approved' AND publish_at IS NOT NULL AND publish_at <= ?
            ORDER BY publish_at, id LIMIT ?
            """;

    private final JdbcTemplate jdbc;
    private final StagedJson json;

    public ChangeRequestStore(JdbcTemplate jdbc, StagedJson json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public long insert(String title, String description, String author, String contentHash, Instant at) {
        Long id = jdbc.queryForObject(
                INSERT, Long.class, title, description, author, contentHash, timestamp(at), timestamp(at));
        if (id == null) {
            throw new IllegalStateException("change request insert returned no id");
        }
        return id;
    }

    public Optional<ChangeRequest> find(long id) {
        return read("SELECT " + COLUMNS + " FROM change_requests WHERE id = ?", id);
    }

    /** Reads the request and locks its row until the caller's transaction ends (waits for a holder). */
    public Optional<ChangeRequest> lock(long id) {
        return read("SELECT " + COLUMNS + " FROM change_requests WHERE id = ? FOR UPDATE", id);
    }

    /** As {@link #lock}, but empty at once when another transaction holds the row (a claim elsewhere). */
    public Optional<ChangeRequest> lockUnlessClaimed(long id) {
        return read("SELECT " + COLUMNS + " FROM change_requests WHERE id = ? FOR UPDATE SKIP LOCKED", id);
    }

    /** The newest first, optionally only those in {@code state}. */
    public List<ChangeRequest> list(ChangeRequestState state, int limit, int offset) {
        List<ChangeRequest> headers = state == null
                ? jdbc.query(
                        "SELECT " + COLUMNS + " FROM change_requests ORDER BY id DESC LIMIT ? OFFSET ?",
                        this::header,
                        limit,
                        offset)
                : jdbc.query(
                        "SELECT " + COLUMNS + " FROM change_requests WHERE state = ? ORDER BY id DESC LIMIT ? OFFSET ?",
                        this::header,
                        state.value(),
                        limit,
                        offset);
        return headers.stream().map(this::complete).toList();
    }

    /**
     * Writes the request's header as {@code next} says, if it is still in {@code expected}; false
     * when it is not (someone else moved it first).
     */
    public boolean update(ChangeRequest next, ChangeRequestState expected) {
        return jdbc.update(
                        UPDATE,
                        next.state().value(),
                        next.contentHash(),
                        next.baseRevision(),
                        timestamp(next.publishAt()),
                        next.publishedRevision(),
                        next.failureReason(),
                        timestamp(next.updatedAt()),
                        next.id(),
                        expected.value())
                == 1;
    }

    public void putItem(long id, StagedEdit item, String by, Instant at) {
        jdbc.update(
                PUT_ITEM,
                id,
                item.name(),
                item.action().value(),
                item.draft() == null ? null : json.write(item.draft()),
                item.baseVersion(),
                timestamp(at),
                by);
    }

    public boolean removeItem(long id, String name) {
        return jdbc.update("DELETE FROM change_request_items WHERE change_request_id = ? AND name = ?", id, name) == 1;
    }

    /** Records {@code approver}'s approval of {@code contentHash}; false when they approved it already. */
    public boolean approve(long id, String approver, String contentHash, String comment, Instant at) {
        return jdbc.update(
                        "INSERT INTO change_request_approvals VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                        id,
                        approver,
                        contentHash,
                        comment,
                        timestamp(at))
                == 1;
    }

    public void clearApprovals(long id) {
        jdbc.update("DELETE FROM change_request_approvals WHERE change_request_id = ?", id);
    }

    public void event(long id, StateEvent event) {
        jdbc.update(
                "INSERT INTO change_request_events (change_request_id, actor, action, from_state, to_state, comment, at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                id,
                event.actor(),
                event.action(),
                event.fromState() == null ? null : event.fromState().value(),
                event.toState().value(),
                event.comment(),
                timestamp(event.at()));
    }

    public List<StateEvent> events(long id) {
        return jdbc.query(
                "SELECT actor, action, from_state, to_state, comment, at FROM change_request_events"
                        + " WHERE change_request_id = ? ORDER BY id",
                (rs, i) -> new StateEvent(
                        rs.getString("actor"),
                        rs.getString("action"),
                        ChangeRequestState.from(rs.getString("from_state")),
                        ChangeRequestState.from(rs.getString("to_state")),
                        rs.getString("comment"),
                        instant(rs, "at")),
                id);
    }

    /** The catalog's committed revision: the base a request is staged against. */
    public long currentRevision() {
        Long revision = jdbc.queryForObject("SELECT revision FROM catalog_state WHERE id = 1", Long.class);
        return revision == null ? 0 : revision;
    }

    /** Scheduled requests due at {@code now}, the longest waiting first. */
    public List<Long> due(Instant now, int limit) {
        return jdbc.queryForList(DUE, Long.class, timestamp(now), limit);
    }

    private Optional<ChangeRequest> read(String sql, long id) {
        return jdbc.query(sql, this::header, id).stream().findFirst().map(this::complete);
    }

    private ChangeRequest complete(ChangeRequest header) {
        List<StagedEdit> items = jdbc.query(
                "SELECT name, action, tool::text AS tool, base_version FROM change_request_items"
                        + " WHERE change_request_id = ? ORDER BY name",
                (rs, i) -> new StagedEdit(
                        rs.getString("name"),
                        StagedEdit.Action.from(rs.getString("action")),
                        json.read(rs.getString("tool")),
                        rs.getObject("base_version", Integer.class)),
                header.id());
        List<Approval> approvals = jdbc.query(
                "SELECT approver, comment, approved_at FROM change_request_approvals"
                        + " WHERE change_request_id = ? AND content_hash = ? ORDER BY approved_at",
                (rs, i) -> new Approval(rs.getString("approver"), rs.getString("comment"), instant(rs, "approved_at")),
                header.id(),
                header.contentHash());
        return header.withItems(items, approvals);
    }

    private ChangeRequest header(ResultSet rs, int row) throws SQLException {
        return new ChangeRequest(
                rs.getLong("id"),
                rs.getString("title"),
                rs.getString("description"),
                ChangeRequestState.from(rs.getString("state")),
                rs.getString("author"),
                rs.getLong("base_revision"),
                rs.getString("content_hash"),
                instant(rs, "publish_at"),
                rs.getObject("published_revision", Long.class),
                rs.getString("failure_reason"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                List.of(),
                List.of());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp timestamp(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }
}
