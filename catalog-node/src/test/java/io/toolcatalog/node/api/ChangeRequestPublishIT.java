package io.toolcatalog.node.api;

import static io.toolcatalog.node.api.ChangeRequestCalls.ADMIN;
import static io.toolcatalog.node.api.ChangeRequestCalls.ALICE;
import static io.toolcatalog.node.api.ChangeRequestCalls.BOB;
import static io.toolcatalog.node.api.ChangeRequestCalls.EDITOR;
import static io.toolcatalog.node.api.ChangeRequestCalls.PATH;
import static io.toolcatalog.node.api.ChangeRequestCalls.ok;
import static io.toolcatalog.node.api.ChangeRequestCalls.toolDiff;
import static io.toolcatalog.node.api.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Publishing a change request: one revision for all items, 409 on a tool that moved, rebase, and from a file. */
class ChangeRequestPublishIT extends ChangeRequestNode {

    static final String TOOLS = "/api/v1/tools";

    @BeforeAll
    static void start() {
        startNode("cr-publish", Map.of());
    }

    @Test
    void publishesEveryItemInOneRevisionNamingTheRequest() {
        String kept = create("pub-kept");
        String gone = create("pub-gone");
        String added = unique("pub-added");
        long id = calls.open(ALICE, "three tools");
        ok(calls.stage(ALICE, id, kept, "{\"action\": \"upsert\", \"tool\": {\"description\": \"changed\"}}"));
        ok(calls.stage(ALICE, id, gone, "{\"action\": \"delete\"}"));
        ok(calls.stageNew(ALICE, id, added, 700));
        ok(calls.step(ALICE, id, "submit"));
        ok(calls.step(BOB, id, "approve"));
        long before = revision();

        Api.Reply published = calls.step(ALICE, id, "publish");

        JsonNode body = ok(published);
        long revision = body.path("published_revision").asLong();
        assertThat(revision).isEqualTo(before + 1);
        assertThat(published.revisionHeader()).isGreaterThanOrEqualTo(revision);
        assertThat(body.path("state").asText()).isEqualTo("published");
        JsonNode keptNow = api.get(TOOLS + "/" + kept).send().json();
        assertThat(keptNow.path("description").asText()).isEqualTo("changed");
        assertThat(keptNow.path("revision").asLong()).isEqualTo(revision);
        assertThat(api.get(TOOLS + "/" + added).send().json().path("revision").asLong())
                .isEqualTo(revision);
        assertThat(api.get(TOOLS + "/" + gone).send().status()).isEqualTo(404);
        JdbcTemplate jdbc = node.bean(JdbcTemplate.class);
        assertThat(jdbc.queryForObject(
                        "SELECT change_request_id FROM catalog_changes WHERE revision = ?", Long.class, revision))
                .isEqualTo(id);
        assertThat(jdbc.queryForObject("SELECT reason FROM catalog_changes WHERE revision = ?", String.class, revision))
                .contains("change request " + id, "approved by bob");
        JsonNode history =
                api.get(TOOLS + "/reload/history?limit=20").send().json().path("history");
        assertThat(history.findValues("change_request_id").stream().map(JsonNode::asLong))
                .contains(id);
    }

    @Test
    void aToolChangedSinceStagingIs409NamingItAndNothingIsWritten() {
        String name = create("pub-moved");
        String other = unique("pub-other");
        long id = calls.open(ALICE, "will conflict");
        ok(calls.stage(ALICE, id, name, "{\"action\": \"disable\"}"));
        ok(calls.stageNew(ALICE, id, other, 100));
        ok(calls.step(ALICE, id, "submit"));
        ok(calls.step(BOB, id, "approve"));
        ok(api.put(TOOLS + "/" + name)
                .token(EDITOR)
                .json("{\"description\": \"moved on\"}")
                .send());
        long before = revision();

        Api.Reply reply = calls.step(ALICE, id, "publish");

        assertProblem(reply, 409);
        assertThat(reply.json().path("conflicts")).hasSize(1);
        assertThat(reply.json().path("conflicts").get(0).asText()).isEqualTo(name);
        assertThat(revision()).isEqualTo(before);
        assertThat(api.get(TOOLS + "/" + other).send().status()).isEqualTo(404);
        assertThat(calls.state(id)).isEqualTo("approved");
        JsonNode diff = api.get(PATH + "/" + id + "/diff").token(ALICE).send().json();
        assertThat(diff.path("conflicts").get(0).asText()).isEqualTo(name);

        JsonNode rebased = ok(calls.step(ALICE, id, "rebase"));

        assertThat(rebased.path("state").asText()).isEqualTo("draft");
        assertThat(rebased.path("approvals")).isEmpty();
        ok(calls.step(ALICE, id, "submit"));
        ok(calls.step(BOB, id, "approve"));
        ok(calls.step(ALICE, id, "publish"));
        JsonNode tool = api.get(TOOLS + "/" + name).send().json();
        assertThat(tool.path("enabled").asBoolean()).isFalse();
        assertThat(tool.path("description").asText()).isEqualTo("moved on");
    }

    @Test
    void opensARequestFromAFileWhoseItemsAreTheDifferencesWithAFieldDiff() {
        String same = create("file-same");
        String changed = create("file-changed");
        String added = unique("file-added");
        String yaml =
                """
                tools:
                  - name: %s
                    description: d
                    category: search
                    profiles:
                      default: {timeout_ms: 5000}
                  - name: %s
                    description: d
                    category: search
                    profiles:
                      default: {timeout_ms: 5000}
                      stage_b: {timeout_ms: 900, parameters: {flags: "-n"}}
                  - name: %s
                    description: new
                """
                        .formatted(same, changed, added);

        Api.Reply reply = api.post(PATH + "?from=file&mode=merge&title=promote")
                .token(ALICE)
                .body(yaml.getBytes(StandardCharsets.UTF_8), "application/yaml")
                .send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.json().path("title").asText()).isEqualTo("promote");
        java.util.List<String> items = new java.util.ArrayList<>();
        reply.json().path("items").forEach(item -> items.add(item.path("name").asText()));
        assertThat(items).containsExactlyInAnyOrder(changed, added);
        long id = reply.json().path("id").asLong();
        JsonNode diff = api.get(PATH + "/" + id + "/diff").token(READER).send().json();
        JsonNode changedDiff = toolDiff(diff, changed);
        assertThat(changedDiff.path("action").asText()).isEqualTo("upsert");
        assertThat(changedDiff.path("breaking").asBoolean()).isFalse();
        assertThat(changedDiff.path("fields").findValuesAsText("path"))
                .containsExactlyInAnyOrder("profiles.stage_b.timeout_ms", "profiles.stage_b.parameters.flags");
        JsonNode timeout = changedDiff.path("fields").get(0);
        assertThat(timeout.path("before").isNull()).isTrue();
        assertThat(toolDiff(diff, added).path("fields").findValuesAsText("path"))
                .contains("description");
        assertThat(diff.path("conflicts")).isEmpty();
    }

    @Test
    void aFileWithAnInvalidToolIs400NamingTheField() {
        Api.Reply reply = api.post(PATH + "?from=file")
                .token(ALICE)
                .json("{\"tools\": [{\"name\": \"x-bad\", \"description\": \"d\","
                        + " \"profiles\": {\"default\": {\"timeout_ms\": -1}}}]}")
                .send();

        Problems.assertBadRequest(reply, "tools[0].profiles.default.timeout_ms", "between");
    }

    @Test
    void aReaderCannotOpenARequest() {
        assertProblem(api.post(PATH).token(READER).json("{\"title\": \"t\"}").send(), 403);
        assertProblem(api.post(PATH).json("{\"title\": \"t\"}").send(), 401);
    }

    static final String READER = "reader-token";

    private static String create(String prefix) {
        String name = unique(prefix);
        Api.Reply reply = api.post(TOOLS)
                .token(ADMIN)
                .json("{\"name\": \"" + name + "\", \"description\": \"d\", \"category\": \"search\","
                        + " \"profiles\": {\"default\": {\"timeout_ms\": 5000}}}")
                .send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return name;
    }

    private static long revision() {
        return node.bean(JdbcTemplate.class)
                .queryForObject("SELECT revision FROM catalog_state WHERE id = 1", Long.class);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
