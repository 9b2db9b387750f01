package io.toolcatalog.node.api;

import static io.toolcatalog.node.api.ChangeRequestCalls.ALICE;
import static io.toolcatalog.node.api.ChangeRequestCalls.PATH;
import static io.toolcatalog.node.api.ChangeRequestCalls.ok;
import static io.toolcatalog.node.api.KillableNodes.awaitBlocked;
import static io.toolcatalog.node.api.KillableNodes.node;
import static io.toolcatalog.node.api.KillableNodes.other;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.toolcatalog.testsupport.NodeProcess;
import io.toolcatalog.testsupport.TestInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The node that claimed a due change request is SIGKILLed while its publishing transaction holds
 * the claim: PostgreSQL rolls that transaction back when the connection dies, and the other node
 * publishes the request, once. To catch the claimer at that moment, the test holds an uncommitted
 * insert of the tool the request creates, so the claimer's own insert waits behind it (holding the
 * revision lock and the claim) until the claimer is dead.
 */
class ScheduledPublishKillIT {

    private static final Path OUT = Path.of("target", "scheduled-publish-kill");
    private static final String TOOL = "killed-claimer";

    @Test
    void theClaimingNodeKilledMidPublishLeavesTheRequestToTheOtherNodeWhichPublishesItOnce() throws Exception {
        Files.createDirectories(OUT);
        String jdbcUrl = TestInfrastructure.newSchemaUrl();
        String cluster = TestInfrastructure.newClusterName();
        Map<String, String> people = ChangeRequestCalls.people();
        List<NodeProcess> nodes =
                List.of(node("k1", jdbcUrl, cluster, OUT, people), node("k2", jdbcUrl, cluster, OUT, people));
        try (Connection test = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            nodes.forEach(NodeProcess::start);
            nodes.forEach(n -> n.awaitReady(Duration.ofSeconds(120)));
            ChangeRequestCalls calls =
                    new ChangeRequestCalls(new Api(nodes.get(0).port()));
            long id = calls.approved("published by whoever survives", TOOL, 300);

            test.setAutoCommit(false);
            try (Statement s = test.createStatement()) {
                s.execute("INSERT INTO tools (name, version, revision, created_at, created_by, updated_at, updated_by)"
                        + " VALUES ('" + TOOL + "', 1, 0, now(), 'test', now(), 'test')");
            }
            ok(new Api(nodes.get(0).port())
                    .post(PATH + "/" + id + "/schedule")
                    .token(ALICE)
                    .json("{\"publish_at\": \"" + Instant.now().plusMillis(300) + "\"}")
                    .send());
            NodeProcess dying = awaitBlocked(test, nodes);
            NodeProcess survivor = other(nodes, dying);

            dying.kill();
            test.rollback();

            ChangeRequestCalls survivorCalls = new ChangeRequestCalls(new Api(survivor.port()));
            await().atMost(Duration.ofSeconds(30)).until(() -> "published".equals(survivorCalls.state(id)));
            try (Statement s = test.createStatement();
                    ResultSet published = s.executeQuery("SELECT count(*), min(origin_node) FROM catalog_changes"
                            + " WHERE change_request_id = " + id)) {
                published.next();
                assertThat(published.getInt(1))
                        .as("revisions that published the request")
                        .isEqualTo(1);
                assertThat(published.getString(2)).isEqualTo(survivor.id());
            }
            test.commit();
        } finally {
            nodes.forEach(NodeProcess::stop);
        }
    }
}
