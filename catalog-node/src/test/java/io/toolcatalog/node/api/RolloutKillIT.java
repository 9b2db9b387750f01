package io.toolcatalog.node.api;

import static io.toolcatalog.node.api.KillableNodes.awaitBlocked;
import static io.toolcatalog.node.api.KillableNodes.node;
import static io.toolcatalog.node.api.KillableNodes.other;
import static io.toolcatalog.node.api.StagedRollouts.createStableTool;
import static io.toolcatalog.node.api.StagedRollouts.databaseRevision;
import static io.toolcatalog.node.api.StagedRollouts.start;
import static io.toolcatalog.node.api.StagedRollouts.timeoutRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.toolcatalog.core.rollout.Rollout;
import io.toolcatalog.core.rollout.RolloutStep;
import io.toolcatalog.core.rollout.Rollouts;
import io.toolcatalog.node.testing.TestNodes;
import io.toolcatalog.testsupport.NodeProcess;
import io.toolcatalog.testsupport.TestInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The node advancing a rollout's step is SIGKILLed mid-step, holding the rollout's row: PostgreSQL
 * rolls its transaction back when the connection dies, and the other node takes the step, once.
 * The rollout auto-advances with no hold, so the two nodes' drivers race for each step. To catch
 * the stepping node at that moment, the test holds an uncommitted change-log row at the step's
 * revision, so the stepper's own change-log insert (its last statement, after the revision lock
 * and the claim of the rollout's row) waits behind it until the stepper is dead.
 */
class RolloutKillIT {

    private static final Path OUT = Path.of("target", "rollout-kill");
    private static final String TOOL = "rollout-killed";

    @Test
    void theNodeSteppingARolloutKilledMidStepLeavesTheStepToTheOtherNodeWhichTakesItOnce() throws Exception {
        Files.createDirectories(OUT);
        String jdbcUrl = TestInfrastructure.newSchemaUrl();
        String cluster = TestInfrastructure.newClusterName();
        List<NodeProcess> nodes = new ArrayList<>();
        try (Connection test = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            long request;
            Rollout rollout;
            // the rollout is started by a node whose driver never runs, which then leaves
            Map<String, String> starter = new HashMap<>(ChangeRequestCalls.people());
            starter.put("catalog.changes.schedule-poll", "1h");
            try (TestNodes.Node node = TestNodes.start(jdbcUrl, cluster, "starter", starter)) {
                Api api = new Api(node.port());
                createStableTool(api, TOOL, 1000);
                request = timeoutRequest(new ChangeRequestCalls(api), "stepped by whoever survives", TOOL, 2000);
                long startAt = databaseRevision(test) + 1;
                // the first step's revision comes right after the start's: held before anyone can take it
                test.setAutoCommit(false);
                try (Statement s = test.createStatement()) {
                    s.execute("INSERT INTO catalog_changes (revision, tool_names, operation, trigger, triggered_by,"
                            + " principal, reload_id, origin_node, committed_at) VALUES (" + (startAt + 1) + ", ARRAY['"
                            + TOOL + "'], 'held-by-test', 'manual', 'test', 'test', gen_random_uuid(), 'test', now())");
                }
                rollout = start(
                        node.bean(Rollouts.class),
                        request,
                        true,
                        new RolloutStep(20, Duration.ZERO),
                        new RolloutStep(60, Duration.ZERO),
                        new RolloutStep(100, Duration.ZERO));
                assertThat(rollout.revision()).isEqualTo(startAt);
            }

            // the stepper waits on the test's row until it is killed, not the default 5 s
            Map<String, String> waitLong = Map.of("catalog.writes.lock-timeout", "60s");
            nodes.add(node("rk1", jdbcUrl, cluster, OUT, waitLong));
            nodes.add(node("rk2", jdbcUrl, cluster, OUT, waitLong));
            nodes.forEach(NodeProcess::start);
            nodes.forEach(n -> n.awaitReady(Duration.ofMinutes(4)));
            NodeProcess dying = awaitBlocked(test, nodes);
            NodeProcess survivor = other(nodes, dying);
            dying.kill();
            test.rollback();
            test.setAutoCommit(true);

            ChangeRequestCalls survivorCalls = new ChangeRequestCalls(new Api(survivor.port()));
            await().atMost(Duration.ofSeconds(30)).until(() -> "published".equals(survivorCalls.state(request)));

            try (Statement s = test.createStatement()) {
                List<String> states = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT revision, state, step, actor FROM rollout_states"
                        + " WHERE rollout_id = " + rollout.id() + " ORDER BY revision")) {
                    while (rs.next()) {
                        states.add(rs.getLong(1) + " " + rs.getString(2) + " " + rs.getInt(3));
                    }
                }
                long start = rollout.revision();
                assertThat(states)
                        .as("one row per step, at consecutive revisions")
                        .containsExactly(
                                start + " running 0", (start + 1) + " running 1", (start + 2) + " completed 2");
                Map<String, String> byOperation = new HashMap<>();
                try (ResultSet rs = s.executeQuery("SELECT operation, count(*), min(origin_node), max(origin_node)"
                        + " FROM catalog_changes WHERE change_request_id = " + request + " GROUP BY operation")) {
                    while (rs.next()) {
                        byOperation.put(rs.getString(1), rs.getInt(2) + " " + rs.getString(3) + "/" + rs.getString(4));
                    }
                }
                assertThat(byOperation)
                        .containsOnly(
                                Map.entry("rollout_start", "1 starter/starter"),
                                Map.entry("rollout_step", "1 " + survivor.id() + "/" + survivor.id()),
                                Map.entry("rollout_complete", "1 " + survivor.id() + "/" + survivor.id()));
                try (ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT revision), min(revision),"
                        + " max(revision), (SELECT revision FROM catalog_state WHERE id = 1) FROM catalog_changes")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("change-log rows").isEqualTo(rs.getLong(5));
                    assertThat(rs.getLong(2)).isEqualTo(rs.getLong(5));
                    assertThat(rs.getLong(3)).as("the first revision").isEqualTo(1);
                    assertThat(rs.getLong(4)).as("the last revision").isEqualTo(rs.getLong(5));
                }
                try (ResultSet rs = s.executeQuery(
                        "SELECT version FROM tool_versions WHERE name = '" + TOOL + "' ORDER BY version")) {
                    List<Integer> versions = new ArrayList<>();
                    while (rs.next()) {
                        versions.add(rs.getInt(1));
                    }
                    assertThat(versions).as("the completion wrote one version").containsExactly(1, 2);
                }
            }
            Api.Reply served = new Api(survivor.port())
                    .get("/api/v1/tools/" + TOOL)
                    .token(TestNodes.READER_TOKEN)
                    .send();
            assertThat(served.json()
                            .path("profiles")
                            .path("default")
                            .path("timeout_ms")
                            .asInt())
                    .isEqualTo(2000);
        } finally {
            nodes.forEach(NodeProcess::stop);
        }
    }
}
