package io.toolcatalog.node.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolcatalog.node.robustness.DatabaseHistory.VersionRow;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Each rollout's history as PostgreSQL records it ({@code rollouts}, {@code rollout_states},
 * {@code rollout_candidates}), and from it, with the tools' history, what a consumer must see at
 * any revision: the tools as of R, with the candidates of every rollout active at R whose cohort
 * holds the consumer in place of the stable tools. Written from the contract, not from the node's
 * code: a rollout is active at R when its {@code rollout_states} row with the greatest revision at
 * or below R is {@code running} or {@code paused}; a consumer with an id is in its cohort when its
 * labels carry the rollout's cohort labels and its bucket (the first four bytes of
 * SHA-256("rolloutId:consumerId"), unsigned big-endian, mod 10000) is below round(percent × 100).
 */
final class RolloutHistory {

    /** One row of {@code rollout_states}: a rollout as of the revision that moved it. */
    record StateRow(long rollout, long revision, String state, int step, double percent) {

        boolean active() {
            return state.equals("running") || state.equals("paused");
        }
    }

    /** A rollout: its cohort labels and each candidate's document (null: the candidate deletes the tool). */
    record RolloutRow(long id, Map<String, String> cohortLabels, Map<String, JsonNode> candidates) {}

    /** What a consumer must see at one revision: the view's name, its rollouts and its tools. */
    record ExpectedView(String name, List<Long> rollouts, TreeMap<String, List<VersionRow>> tools) {}

    private final Map<Long, RolloutRow> rollouts;
    private final Map<Long, NavigableMap<Long, StateRow>> states;

    RolloutHistory(Map<Long, RolloutRow> rollouts, List<StateRow> states) {
        this.rollouts = new TreeMap<>(rollouts);
        this.states = new TreeMap<>();
        states.forEach(row -> this.states
                .computeIfAbsent(row.rollout(), id -> new TreeMap<>())
                .put(row.revision(), row));
    }

    /** The rollouts' history up to {@code revision} (the revision the tools' history was read at). */
    static RolloutHistory read(String jdbcUrl, long revision) {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
                Statement s = c.createStatement()) {
            Map<Long, Map<String, String>> labels = new HashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT id, cohort_labels::text FROM rollouts")) {
                while (rs.next()) {
                    Map<String, String> selector = new TreeMap<>();
                    Iterator<Map.Entry<String, JsonNode>> fields =
                            ToolDocuments.parse(rs.getString(2)).fields();
                    fields.forEachRemaining(
                            e -> selector.put(e.getKey(), e.getValue().asText()));
                    labels.put(rs.getLong(1), selector);
                }
            }
            Map<Long, Map<String, JsonNode>> candidates = new HashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT rollout_id, name, document::text FROM rollout_candidates")) {
                while (rs.next()) {
                    String document = rs.getString(3);
                    candidates
                            .computeIfAbsent(rs.getLong(1), id -> new TreeMap<>())
                            .put(rs.getString(2), document == null ? null : ToolDocuments.parse(document));
                }
            }
            Map<Long, RolloutRow> rollouts = new HashMap<>();
            labels.forEach((id, selector) ->
                    rollouts.put(id, new RolloutRow(id, selector, candidates.getOrDefault(id, Map.of()))));
            List<StateRow> states = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(
                    "SELECT rollout_id, revision, state, step, percent FROM rollout_states WHERE revision <= "
                            + revision)) {
                while (rs.next()) {
                    states.add(
                            new StateRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getDouble(5)));
                }
            }
            return new RolloutHistory(rollouts, states);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the rollouts' history", e);
        }
    }

    /** The contract's bucket of a consumer in a rollout, in [0, 10000). */
    static int bucket(long rolloutId, String consumerId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((rolloutId + ":" + consumerId).getBytes(StandardCharsets.UTF_8));
            long unsigned = Integer.toUnsignedLong(
                    ((hash[0] & 0xff) << 24) | ((hash[1] & 0xff) << 16) | ((hash[2] & 0xff) << 8) | (hash[3] & 0xff));
            return (int) (unsigned % 10_000);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a consumer ({@code id} null: anonymous) is in a rollout's cohort at {@code percent}. */
    static boolean inCohort(
            long rolloutId, Map<String, String> cohortLabels, double percent, String id, Map<String, String> labels) {
        if (id == null) {
            return false;
        }
        for (Map.Entry<String, String> wanted : cohortLabels.entrySet()) {
            if (!wanted.getValue().equals(labels.get(wanted.getKey()))) {
                return false;
            }
        }
        return bucket(rolloutId, id) < Math.round(percent * 100);
    }

    /** The rollout's state as of {@code revision}: its row with the greatest revision at or below it, or null. */
    StateRow stateAt(long rollout, long revision) {
        NavigableMap<Long, StateRow> rows = states.get(rollout);
        Map.Entry<Long, StateRow> row = rows == null ? null : rows.floorEntry(revision);
        return row == null ? null : row.getValue();
    }

    /** The rollouts whose cohort holds the consumer at {@code revision}, in id order. */
    List<Long> cohortsAt(long revision, String id, Map<String, String> labels) {
        List<Long> in = new ArrayList<>();
        for (RolloutRow rollout : rollouts.values()) {
            StateRow state = stateAt(rollout.id(), revision);
            if (state != null
                    && state.active()
                    && inCohort(rollout.id(), rollout.cohortLabels(), state.percent(), id, labels)) {
                in.add(rollout.id());
            }
        }
        return in;
    }

    /** What the consumer must see at {@code revision}, given what the tools' history allows there. */
    ExpectedView viewAt(long revision, String id, Map<String, String> labels, TreeMap<String, List<VersionRow>> tools) {
        List<Long> in = cohortsAt(revision, id, labels);
        if (in.isEmpty()) {
            return new ExpectedView("stable", List.of(), tools);
        }
        TreeMap<String, List<VersionRow>> seen = new TreeMap<>(tools);
        List<String> names = new ArrayList<>();
        for (long rollout : in) {
            names.add("rollout=" + rollout);
            rollouts.get(rollout).candidates().forEach((name, document) -> {
                if (document == null) {
                    seen.remove(name);
                } else {
                    seen.put(
                            name,
                            List.of(new VersionRow(
                                    name,
                                    document.path("version").asInt(),
                                    document.path("revision").asLong(),
                                    "candidate of rollout " + rollout,
                                    document)));
                }
            });
        }
        return new ExpectedView(String.join(",", names), in, seen);
    }

    /** How the rollouts stand at the end, and how many revisions moved them. */
    String summary() {
        Map<String, Integer> ends = new TreeMap<>();
        int moves = 0;
        for (NavigableMap<Long, StateRow> rows : states.values()) {
            ends.merge(rows.lastEntry().getValue().state(), 1, Integer::sum);
            moves += rows.size();
        }
        return "ending " + ends + ", " + moves + " rollout revisions";
    }

    Map<Long, RolloutRow> rollouts() {
        return rollouts;
    }

    /** Each rollout's rows, in revision order. */
    Map<Long, NavigableMap<Long, StateRow>> states() {
        return states;
    }
}
