package io.toolcatalog.node.api;

import static io.toolcatalog.node.api.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.toolcatalog.core.store.ChangeLog;
import io.toolcatalog.node.testing.TestCluster;
import io.toolcatalog.node.testing.TestNodes;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code POST /revisions/{R}/revert} on a cluster of two: a revert applied through node A is one
 * new revision that node B serves; a revert whose tools changed since is a 409 naming them with
 * nothing written; unknown and pruned revisions are refused.
 */
class RevertIT {

    static TestCluster cluster;
    static Api a;
    static Api b;
    static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        cluster = TestCluster.start("revert", 2, Map.of());
        a = new Api(cluster.node(1).port());
        b = new Api(cluster.node(2).port());
        jdbc = new JdbcTemplate(cluster.bean(1, DataSource.class));
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    static String tool(String name, String description) {
        return "{\"name\": \"%s\", \"description\": \"%s\", \"category\": \"c\", \"tags\": [\"t\"],"
                        .formatted(name, description)
                + " \"profiles\": {\"default\": {\"timeout_ms\": 100}}}";
    }

    static long send(Api.Call call, int status) {
        Api.Reply reply = call.send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        return reply.revisionHeader();
    }

    static long importReplace(String... tools) {
        return send(
                a.post("/api/v1/tools/import?mode=replace")
                        .token(TestNodes.ADMIN_TOKEN)
                        .json("{\"tools\": [" + String.join(",", tools) + "]}"),
                200);
    }

    static Api.Reply revert(long revision) {
        return a.post("/api/v1/revisions/" + revision + "/revert?reason=bad+import")
                .token(TestNodes.EDITOR_TOKEN)
                .send();
    }

    static long revision() {
        return cluster.bean(1, ChangeLog.class).currentRevision();
    }

    @Test
    void revertingAnImportPutsEveryToolItTouchedBackAndNodeBServesIt() {
        importReplace(tool("kept", "kept as is"), tool("changed", "before"), tool("dropped", "was here"));
        send(a.put("/api/v1/tools/kept").token(TestNodes.EDITOR_TOKEN).json("{\"description\": \"edited\"}"), 200);
        long before = revision();
        long imported = importReplace(tool("kept", "edited"), tool("changed", "after"), tool("added", "new"));

        Api.Reply reply = revert(imported);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        long reverted = reply.json().path("revision").asLong();
        assertThat(reverted).isEqualTo(imported + 1).isEqualTo(reply.revisionHeader());
        assertThat(reply.json().path("reverted_revision").asLong()).isEqualTo(imported);
        assertThat(reply.json().path("tools").toString())
                .contains("{\"name\":\"added\",\"action\":\"delete\"}")
                .contains("{\"name\":\"changed\",\"action\":\"restore\"}")
                .contains("{\"name\":\"dropped\",\"action\":\"recreate\"}")
                .doesNotContain("kept");
        cluster.awaitConverged(Duration.ofSeconds(10));
        assertThat(b.get("/api/v1/tools/changed")
                        .send()
                        .json()
                        .path("description")
                        .asText())
                .isEqualTo("before");
        assertThat(b.get("/api/v1/tools/dropped")
                        .send()
                        .json()
                        .path("description")
                        .asText())
                .isEqualTo("was here");
        assertThat(b.get("/api/v1/tools/added").send().status()).isEqualTo(404);
        assertThat(b.get("/api/v1/tools/kept").send().json().path("description").asText())
                .isEqualTo("edited");
        assertThat(b.get("/api/v1/tools").send().json().path("revision").asLong())
                .isEqualTo(reverted);
        assertThat(before).isLessThan(imported);
        Map<String, Object> change = jdbc.queryForMap(
                "SELECT operation, principal, reason, tool_names::text AS names FROM catalog_changes WHERE revision = ?",
                reverted);
        assertThat(change)
                .containsEntry("operation", "revert")
                .containsEntry("principal", "editor")
                .containsEntry("reason", "revert of revision " + imported + ": bad import")
                .containsEntry("names", "{added,changed,dropped}");
    }

    @Test
    void aRevertWhoseToolsChangedSinceIs409NamingThemAndWritesNothing() {
        long imported = importReplace(tool("x", "x1"), tool("y", "y1"), tool("z", "z1"));
        send(a.put("/api/v1/tools/x").token(TestNodes.EDITOR_TOKEN).json("{\"description\": \"x2\"}"), 200);
        send(a.delete("/api/v1/tools/z").token(TestNodes.EDITOR_TOKEN), 200);
        long current = revision();

        Api.Reply reply = assertProblem(revert(imported), 409);

        assertThat(reply.json().path("conflicts").toString()).isEqualTo("[\"x\",\"z\"]");
        assertThat(revision()).isEqualTo(current);
        assertThat(a.get("/api/v1/tools/y").send().status()).isEqualTo(200);
    }

    @Test
    void anUnknownRevisionIs404AndAPrunedOneIs410() {
        long current = revision();

        assertProblem(revert(current + 5), 404);
        assertProblem(revert(0), 404);
        jdbc.update("DELETE FROM catalog_changes WHERE revision = 1");
        assertThat(assertProblem(revert(1), 410).json().path("detail").asText())
                .contains("older than the change log keeps");
        assertThat(revision()).isEqualTo(current);
    }

    @Test
    void aReaderMayNotRevert() {
        assertProblem(
                a.post("/api/v1/revisions/1/revert")
                        .token(TestNodes.READER_TOKEN)
                        .send(),
                403);
    }
}
