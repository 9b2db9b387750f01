package io.toolcatalog.node.api;

import static io.toolcatalog.node.api.ChangeRequestCalls.ALICE;
import static io.toolcatalog.node.api.ChangeRequestCalls.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.toolcatalog.core.changerequest.Participant;
import io.toolcatalog.core.rollout.AbortRule;
import io.toolcatalog.core.rollout.Rollout;
import io.toolcatalog.core.rollout.RolloutPlan;
import io.toolcatalog.core.rollout.RolloutStep;
import io.toolcatalog.core.rollout.Rollouts;
import io.toolcatalog.node.testing.TestCluster;
import io.toolcatalog.node.testing.TestNodes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * What the rollout tests set up before they act: a stable tool, a change request (alice's) that
 * moves its default timeout, and a rollout of that request that alice starts.
 */
final class StagedRollouts {

    private StagedRollouts() {}

    /** Creates {@code name} (version 1, description "stable") with a default timeout. */
    static void createStableTool(Api api, String name, int timeoutMs) {
        Api.Reply created = api.post("/api/v1/tools")
                .token(TestNodes.ADMIN_TOKEN)
                .json(
                        """
                        {"name": "%s", "description": "stable", "category": "search",
                         "profiles": {"default": {"timeout_ms": %d}}}"""
                                .formatted(name, timeoutMs))
                .send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    /** Opens a request as alice that stages {@code tool}'s default timeout at {@code timeoutMs}; its id. */
    static long timeoutRequest(ChangeRequestCalls calls, String title, String tool, int timeoutMs) {
        long request = calls.open(ALICE, title);
        ok(calls.stage(
                ALICE,
                request,
                tool,
                "{\"action\": \"upsert\", \"tool\": {\"profiles\": {\"default\": {\"timeout_ms\": " + timeoutMs
                        + "}}}}"));
        return request;
    }

    /** Alice starts a rollout of {@code request} through {@code steps}, any cohort, the default abort rule. */
    static Rollout start(Rollouts rollouts, long request, boolean autoAdvance, RolloutStep... steps) {
        return rollouts.start(
                request,
                new RolloutPlan(List.of(steps), Map.of(), AbortRule.DEFAULT, autoAdvance),
                new Participant("alice", false, false));
    }

    /** What {@link #startOn} set up, through node 1. */
    record Started(Api api, ChangeRequestCalls calls, Rollouts rollouts, long request, Rollout rollout) {}

    /**
     * Through node 1 of {@code cluster}: {@code tool} created stable (timeout 1000 ms), alice's
     * request {@code title} moving it to {@code timeoutMs}, and her rollout of it through
     * {@code steps}, which nothing advances but a caller.
     */
    static Started startOn(TestCluster cluster, String tool, String title, int timeoutMs, RolloutStep... steps) {
        Api api = new Api(cluster.node(1).port());
        createStableTool(api, tool, 1000);
        ChangeRequestCalls calls = new ChangeRequestCalls(api);
        long request = timeoutRequest(calls, title, tool, timeoutMs);
        Rollouts rollouts = cluster.bean(1, Rollouts.class);
        return new Started(api, calls, rollouts, request, start(rollouts, request, false, steps));
    }

    /** The catalog's revision as PostgreSQL has it now. */
    static long databaseRevision(Connection db) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT revision FROM catalog_state WHERE id = 1")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
