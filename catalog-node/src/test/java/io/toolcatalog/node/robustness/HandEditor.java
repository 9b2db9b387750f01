package io.toolcatalog.node.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolcatalog.testsupport.NodeProcess;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An operator who edits {@code tools} rows in SQL and then asks every node to reload, as one
 * repairing data by hand would: no new revision, no {@code tool_versions} row. Each edit holds the
 * {@code catalog_state} row lock, so it falls between two revisions, and is recorded as a
 * {@link HandEdit} for the history. It edits its own tools ({@value #EDITED}, {@value #BAD}), which
 * the workload only ever deletes (a replacing import), so their last edit is what the run ends with.
 * Every request it sends is recorded (client {@code -1}) and checked like the workload's.
 */
final class HandEditor {

    static final String EDITED = "hand-0";
    static final String BAD = "hand-bad";
    /** A profile no node can read: a number given as a word. */
    static final String BAD_PROFILES = "{\"default\": {\"timeout_ms\": \"soon\"}}";

    private static final String LOCK = "SELECT revision FROM catalog_state WHERE id = 1 FOR UPDATE";
    private static final String ROW = "SELECT to_jsonb(t) FROM tools t WHERE name = ?";

    private final String jdbcUrl;
    private final List<NodeProcess> nodes;
    private final Recorder recorder;
    private final String token;
    private final List<HandEdit> edits = Collections.synchronizedList(new ArrayList<>());
    private int sequence;

    HandEditor(String jdbcUrl, List<NodeProcess> nodes, Recorder recorder, String token) {
        this.jdbcUrl = jdbcUrl;
        this.nodes = nodes;
        this.recorder = recorder;
        this.token = token;
    }

    List<HandEdit> edits() {
        return List.copyOf(edits);
    }

    /** A new description for {@value #EDITED}, then a reload of every node; what happened. */
    String editAndReload() {
        ensureExists(EDITED);
        String description = "hand edit " + (++sequence);
        HandEdit edit = inTransaction(c -> {
            long revision = lock(c);
            try (PreparedStatement ps = c.prepareStatement("UPDATE tools SET description = ? WHERE name = ?")) {
                ps.setString(1, description);
                ps.setString(2, EDITED);
                if (ps.executeUpdate() == 0) {
                    return null;
                }
            }
            return new HandEdit(EDITED, revision, row(c, EDITED), true, recorder.now(), Double.MAX_VALUE);
        });
        if (edit == null) {
            return "skipped: " + EDITED + " was just deleted";
        }
        edits.add(edit);
        reloadEveryNode();
        probe(new Workload.Request(OpKind.GET_TOOL, "GET", "/api/v1/tools/" + EDITED, EDITED, null));
        return edit.describe() + ", then every node reloaded";
    }

    /**
     * Makes {@value #BAD}'s profiles unreadable, reloads every node, reads from each, puts the row
     * back as it was and reloads again. Nodes must keep serving the last good content meanwhile.
     */
    String breakRowAndRepair() {
        ensureExists(BAD);
        double at = recorder.now();
        Object[] broken = inTransaction(c -> {
            long revision = lock(c);
            String good;
            try (PreparedStatement ps = c.prepareStatement("SELECT profiles::text FROM tools WHERE name = ?")) {
                ps.setString(1, BAD);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    good = rs.getString(1);
                }
            }
            setProfiles(c, BAD_PROFILES);
            return new Object[] {revision, row(c, BAD), good};
        });
        if (broken == null) {
            return "skipped: " + BAD + " was just deleted";
        }
        reloadEveryNode();
        probe(new Workload.Request(OpKind.GET_TOOL, "GET", "/api/v1/tools/" + BAD, BAD, null));
        probe(new Workload.Request(OpKind.PROFILES, "GET", "/api/v1/profiles", null, null));
        probe(new Workload.Request(OpKind.LIST, "GET", "/api/v1/tools?limit=1000", null, null));
        inTransaction(c -> {
            lock(c);
            setProfiles(c, (String) broken[2]);
            return null;
        });
        edits.add(new HandEdit(BAD, (Long) broken[0], (JsonNode) broken[1], false, at, recorder.now()));
        reloadEveryNode();
        return String.format(
                "%s profiles set to %s at revision %d, every node reloaded and read, put back at %.1fs, reloaded",
                BAD, BAD_PROFILES, (Long) broken[0], recorder.now() / 1000);
    }

    /** The catalog's revision now. */
    long revision() {
        return inTransaction(HandEditor::current);
    }

    private void ensureExists(String name) {
        String body = "{\"name\":\"" + name + "\",\"description\":\"edited by hand\",\"category\":\"code\","
                + "\"tags\":[\"text\"],\"enabled\":true,\"profiles\":{\"default\":{\"timeout_ms\":1000,"
                + "\"max_retries\":1,\"cost_weight\":0.5,\"latency_weight\":0.5,\"quality_weight\":0.5}}}";
        sendToOneNode(new Workload.Request(OpKind.CREATE, "POST", "/api/v1/tools", name, body));
    }

    private void reloadEveryNode() {
        probe(new Workload.Request(OpKind.RELOAD_ALL, "POST", "/api/v1/tools/reload?scope=node", null, null));
    }

    /** Sends the request to every node that is up. */
    private void probe(Workload.Request request) {
        for (NodeProcess node : nodes) {
            if (node.isUp()) {
                RecordedRequest.send(recorder, node.lease(), -1, request, token, null);
            }
        }
    }

    private void sendToOneNode(Workload.Request request) {
        nodes.stream()
                .filter(NodeProcess::isUp)
                .findFirst()
                .ifPresent(node -> RecordedRequest.send(recorder, node.lease(), -1, request, token, null));
    }

    private static void setProfiles(Connection c, String profiles) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE tools SET profiles = ?::jsonb WHERE name = ?")) {
            ps.setString(1, profiles);
            ps.setString(2, BAD);
            ps.executeUpdate();
        }
    }

    private static long lock(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(LOCK)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long current(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT revision FROM catalog_state WHERE id = 1")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The row in the API's tool shape. */
    private static JsonNode row(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ROW)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return ToolDocuments.parse(rs.getString(1));
            }
        }
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            c.setAutoCommit(false);
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("hand edit failed", e);
        }
    }
}
