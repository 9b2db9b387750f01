package io.toolcatalog.node.api;

import static io.toolcatalog.node.api.ChangeRequestCalls.ALICE;
import static io.toolcatalog.node.api.ChangeRequestCalls.BOB;
import static io.toolcatalog.node.api.ChangeRequestCalls.CAROL;
import static io.toolcatalog.node.api.ChangeRequestCalls.EDITOR;
import static io.toolcatalog.node.api.ChangeRequestCalls.PATH;
import static io.toolcatalog.node.api.ChangeRequestCalls.ok;
import static io.toolcatalog.node.api.ChangeRequestCalls.toolDiff;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A request's diff: one that narrows a tool's input schema needs {@code breaking-approvals}, others
 * {@code required-approvals}; a tool that moved since it was staged shows what changed since its base.
 */
class ChangeRequestDiffIT extends ChangeRequestNode {

    static final String TOOLS = "/api/v1/tools";
    static final String OPEN = "{\"type\": \"object\", \"properties\": {\"q\": {\"type\": \"string\"}}}";
    static final String NARROWED =
            "{\"type\": \"object\", \"required\": [\"q\"], \"properties\": {\"q\": {\"type\": \"string\"}}}";

    @BeforeAll
    static void start() {
        startNode(
                "cr-breaking",
                Map.of("catalog.changes.required-approvals", "1", "catalog.changes.breaking-approvals", "2"));
    }

    @Test
    void aBreakingRequestNeedsBreakingApprovals() {
        String name = toolWithInput("narrowed");
        long id = submitted(name, NARROWED);

        JsonNode diff = api.get(PATH + "/" + id + "/diff").token(ALICE).send().json();
        assertThat(diff.path("tools").get(0).path("breaking").asBoolean()).isTrue();
        assertThat(calls.get(id).json().path("required_approvals").asInt()).isEqualTo(2);

        JsonNode once = ok(calls.step(BOB, id, "approve"));
        assertThat(once.path("state").asText()).isEqualTo("in_review");
        assertThat(once.path("approvals")).hasSize(1);

        JsonNode twice = ok(calls.step(CAROL, id, "approve"));
        assertThat(twice.path("state").asText()).isEqualTo("approved");
        assertThat(twice.path("required_approvals").asInt()).isEqualTo(2);
    }

    @Test
    void aRequestThatKeepsTheInputSchemaNeedsOnlyRequiredApprovals() {
        String name = toolWithInput("kept");
        long id = submitted(name, OPEN);

        assertThat(calls.get(id).json().path("required_approvals").asInt()).isEqualTo(1);
        assertThat(ok(calls.step(BOB, id, "approve")).path("state").asText()).isEqualTo("approved");
    }

    @Test
    void aToolThatMovedSinceStagingShowsWhatChangedSinceItsBase() {
        String moved = toolWithInput("moved");
        String still = toolWithInput("still");
        long id = calls.open(ALICE, "base diff");
        ok(calls.stage(ALICE, id, moved, "{\"action\": \"disable\"}"));
        ok(calls.stage(ALICE, id, still, "{\"action\": \"disable\"}"));
        Api.Reply update = api.put(TOOLS + "/" + moved)
                .token(EDITOR)
                .json("{\"description\": \"moved on\", \"profiles\": {\"default\": {\"timeout_ms\": 200}}}")
                .send();
        assertThat(update.status()).as(update.toString()).isEqualTo(200);

        JsonNode diff = api.get(PATH + "/" + id + "/diff").token(ALICE).send().json();

        JsonNode movedDiff = toolDiff(diff, moved);
        assertThat(movedDiff.path("base_version").asInt()).isEqualTo(1);
        assertThat(movedDiff.path("current_version").asInt()).isEqualTo(2);
        JsonNode since = movedDiff.path("changed_since_base");
        assertThat(since.findValuesAsText("path")).containsExactly("description", "profiles.default.timeout_ms");
        assertThat(since.get(0).path("before").asText()).isEqualTo("d");
        assertThat(since.get(0).path("after").asText()).isEqualTo("moved on");
        assertThat(since.get(1).path("before").asInt()).isEqualTo(100);
        assertThat(since.get(1).path("after").asInt()).isEqualTo(200);
        assertThat(toolDiff(diff, still).has("changed_since_base")).isFalse();
    }

    @Test
    void anItemShowsEveryFieldItStagesAndNoOther() throws Exception {
        String name = toolWithInput("shown");
        long id = calls.open(ALICE, "fields of " + name);
        ok(calls.stage(
                ALICE,
                id,
                name,
                "{\"action\": \"upsert\", \"tool\": {\"input_schema\": %s, \"output_schema\": null}}"
                        .formatted(NARROWED)));

        JsonNode request = calls.get(id).json();
        JsonNode tool = request.path("items").get(0).path("tool");
        assertThat(tool.path("input_schema")).isEqualTo(Api.JSON.readTree(NARROWED));
        assertThat(tool.has("output_schema"))
                .as("a schema staged as null removes it")
                .isTrue();
        assertThat(tool.path("output_schema").isNull()).isTrue();
        assertThat(tool.has("description"))
                .as("a field not staged is left as it is")
                .isFalse();
        assertThat(request.path("id").asLong()).isEqualTo(id);
        assertThat(request.path("title").asText()).isEqualTo("fields of " + name);
        assertThat(request.has("request")).isFalse();
    }

    private static String toolWithInput(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply created = api.post(TOOLS)
                .token(EDITOR)
                .json(
                        """
                        {"name": "%s", "description": "d", "input_schema": %s,
                         "profiles": {"default": {"timeout_ms": 100}}}"""
                                .formatted(name, OPEN))
                .send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return name;
    }

    private static long submitted(String name, String inputSchema) {
        long id = calls.open(ALICE, "schema of " + name);
        ok(calls.stage(
                ALICE,
                id,
                name,
                "{\"action\": \"upsert\", \"tool\": {\"description\": \"d\", \"input_schema\": %s}}"
                        .formatted(inputSchema)));
        ok(calls.step(ALICE, id, "submit"));
        return id;
    }
}
