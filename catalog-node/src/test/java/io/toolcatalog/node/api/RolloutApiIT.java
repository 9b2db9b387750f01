package io.toolcatalog.node.api;

import static io.toolcatalog.node.api.ChangeRequestCalls.ok;
import static io.toolcatalog.node.api.Problems.assertBadRequest;
import static io.toolcatalog.node.api.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rollout endpoints on one node (review off: an editor rolls out its own draft): starting,
 * reading and moving a rollout, tools it holds refusing every other write, bad plans and roles,
 * completion publishing the request and abort failing it, each a revision in the change log.
 */
class RolloutApiIT extends ApiTestSupport {

    static final String ROLLOUTS = "/api/v1/rollouts";
    static final String PLAN =
            """
            {"steps": [{"percent": 5, "hold": "10m"}, {"percent": 25, "hold": "PT30M"}, {"percent": 100}],
             "cohort": {"labels": {"region": "eu"}},
             "abort_when": {"failure_rate_margin": 0.05, "min_reports": 100, "window": "5m"},
             "auto_advance": false}
            """;

    /**
     * Every rollout a test left running is aborted: the node's context is shared with other test
     * classes, whose writes to the tools it holds would otherwise answer 409.
     */
    @AfterEach
    void abortWhatIsLeft() {
        for (Long id : jdbc.queryForList("SELECT id FROM rollouts WHERE state IN ('running', 'paused')", Long.class)) {
            api.post(ROLLOUTS + "/" + id + "/abort").token(ADMIN).send();
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM rollout_locks", Integer.class))
                .isZero();
    }

    ChangeRequestCalls calls() {
        return new ChangeRequestCalls(api);
    }

    /** A draft change request by the editor that sets {@code tool}'s timeout to {@code timeoutMs}. */
    long draft(String tool, int timeoutMs) {
        long id = calls().open(EDITOR, "rollout of " + tool);
        ok(calls().stageNew(EDITOR, id, tool, timeoutMs));
        return id;
    }

    Api.Reply start(long changeRequest, String plan) {
        return start(changeRequest, plan, EDITOR);
    }

    Api.Reply start(long changeRequest, String plan, String token) {
        return api.post(ChangeRequestCalls.PATH + "/" + changeRequest + "/rollout")
                .token(token)
                .json(plan)
                .send();
    }

    /** Starts the plan over a fresh tool (version 1, timeout 5000); the rollout's body. */
    JsonNode started(String tool, String plan) {
        createTool(tool);
        Api.Reply reply = start(draft(tool, 777), plan);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json();
    }

    Api.Reply move(long rollout, String action) {
        return api.post(ROLLOUTS + "/" + rollout + "/" + action).token(EDITOR).send();
    }

    List<String> operations(long changeRequest) {
        return jdbc.queryForList(
                "SELECT operation FROM catalog_changes WHERE change_request_id = ? ORDER BY revision",
                String.class,
                changeRequest);
    }

    @Test
    void startAnswers201WithTheRolloutAndHoldsItsTools() {
        String tool = unique("ro-start");
        createTool(tool);
        long request = draft(tool, 777);

        Api.Reply reply = start(request, PLAN);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        JsonNode body = reply.json();
        long id = body.path("id").asLong();
        assertThat(reply.header("Location")).contains(ROLLOUTS + "/" + id);
        assertThat(reply.revisionHeader()).isEqualTo(body.path("revision").asLong());
        assertThat(body.path("change_request_id").asLong()).isEqualTo(request);
        assertThat(body.path("state").asText()).isEqualTo("running");
        assertThat(body.path("step").asInt()).isZero();
        assertThat(body.path("percent").asDouble()).isEqualTo(5.0);
        assertThat(body.path("steps").get(0).path("hold").asText()).isEqualTo("PT10M");
        assertThat(body.path("steps").get(1).path("hold").asText()).isEqualTo("PT30M");
        assertThat(body.path("steps").get(2).path("percent").asDouble()).isEqualTo(100.0);
        assertThat(body.path("cohort").path("labels").path("region").asText()).isEqualTo("eu");
        assertThat(body.path("abort_when").path("window").asText()).isEqualTo("PT5M");
        assertThat(body.path("abort_when").path("min_reports").asInt()).isEqualTo(100);
        assertThat(body.path("auto_advance").asBoolean()).isFalse();
        assertThat(body.path("tools").get(0).asText()).isEqualTo(tool);
        assertThat(body.path("started_revision").asLong())
                .isEqualTo(body.path("revision").asLong());
        assertThat(body.path("started_by").asText()).isEqualTo("editor");
        assertThat(body.path("next_step_at").isNull()).isTrue();
        assertThat(body.path("reason").isNull()).isTrue();
        assertThat(body.path("outcomes").path("window").asText()).isEqualTo("PT5M");
        assertThat(body.path("outcomes").path("cohort").path("success").asLong())
                .isZero();
        assertThat(body.path("history")).hasSize(1);
        assertThat(body.path("history").get(0).path("state").asText()).isEqualTo("running");
        assertThat(body.path("history").get(0).path("by").asText()).isEqualTo("editor");
        assertThat(body.path("slices").isArray()).isTrue();
        assertThat(calls().state(request)).isEqualTo("rolling_out");
        assertThat(jdbc.queryForObject(
                        "SELECT operation || ' ' || trigger || ' ' || array_to_string(tool_names, ',')"
                                + " FROM catalog_changes WHERE revision = ?",
                        String.class,
                        body.path("revision").asLong()))
                .isEqualTo("rollout_start rollout " + tool);
        // the stable version stays in the tools table until the rollout completes
        assertThat(api.get(TOOLS + "/" + tool).send().json().path("version").asInt())
                .isEqualTo(1);

        Api.Reply read = api.get(ROLLOUTS + "/" + id).token(READER).send();
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json().path("tools").get(0).asText()).isEqualTo(tool);
        Api.Reply running =
                api.get(ROLLOUTS + "?state=running&limit=100").token(READER).send();
        assertThat(running.json().path("rollouts").findValuesAsText("state")).containsOnly("running");
        assertThat(running.json().path("rollouts").findValues("id"))
                .anySatisfy(v -> assertThat(v.asLong()).isEqualTo(id));
        assertBadRequest(api.get(ROLLOUTS + "?limit=101").token(READER).send(), "limit", "between 1 and 100");
        assertBadRequest(api.get(ROLLOUTS + "?state=sleeping").token(READER).send(), "state", "sleeping");
        assertProblem(api.get(ROLLOUTS + "/999999999").token(READER).send(), 404);
    }

    @Test
    void aSecondRolloutOverTheSameToolIsRefusedNamingTheFirst() {
        String tool = unique("ro-twice");
        long first = started(tool, PLAN).path("id").asLong();
        long second = draft(tool, 888);
        DatabaseState before = database();

        Api.Reply reply = assertProblem(start(second, PLAN), 409);

        assertThat(reply.json().path("rollout_id").asLong()).isEqualTo(first);
        assertThat(reply.json().path("detail").asText()).contains("Rollout " + first);
        assertThat(database()).isEqualTo(before);
        assertThat(calls().state(second)).isEqualTo("draft");
    }

    @Test
    void everyOtherWriteToAHeldToolIsRefusedAndOtherToolsWriteAsUsual() {
        String tool = unique("ro-held");
        long rollout = started(tool, PLAN).path("id").asLong();
        String other = createTool(unique("ro-free"));
        long otherRequest = draft(tool, 999);
        DatabaseState before = database();

        List<Api.Reply> refused = List.of(
                api.put(TOOLS + "/" + tool)
                        .token(EDITOR)
                        .json(toolJson(tool, "direct"))
                        .send(),
                api.delete(TOOLS + "/" + tool).token(EDITOR).send(),
                api.patch(TOOLS + "/" + tool + "/disable").token(EDITOR).send(),
                api.post(TOOLS + "/import")
                        .token(ADMIN)
                        .json("{\"tools\": [{\"name\": \"" + tool + "\", \"description\": \"imported\"}]}")
                        .send(),
                calls().step(EDITOR, otherRequest, "publish"));

        for (Api.Reply reply : refused) {
            assertProblem(reply, 409);
            assertThat(reply.json().path("rollout_id").asLong())
                    .as(reply.toString())
                    .isEqualTo(rollout);
        }
        assertThat(database()).isEqualTo(before);
        assertThat(api.put(TOOLS + "/" + other)
                        .token(EDITOR)
                        .json(toolJson(other, "still writable"))
                        .send()
                        .status())
                .isEqualTo(200);
    }

    @Test
    void movesInTheWrongStateAnswer409() {
        long id = started(unique("ro-states"), PLAN).path("id").asLong();

        assertProblem(move(id, "resume"), 409);
        assertThat(ok(move(id, "pause")).path("state").asText()).isEqualTo("paused");
        assertProblem(move(id, "pause"), 409);
        JsonNode resumed = ok(move(id, "resume"));
        assertThat(resumed.path("state").asText()).isEqualTo("running");
        assertThat(resumed.path("history").findValuesAsText("state")).containsExactly("running", "paused", "running");
        ok(move(id, "abort"));
        DatabaseState before = database();
        for (String action : List.of("advance", "pause", "resume", "abort")) {
            assertProblem(move(id, action), 409);
        }
        assertThat(database()).isEqualTo(before);
        assertProblem(move(999_999_999L, "advance"), 404);
    }

    @Test
    void badPlansAnswer400NamingTheFieldAndWriteNothing() {
        String tool = unique("ro-bad");
        createTool(tool);
        long request = draft(tool, 777);
        DatabaseState before = database();

        assertBadRequest(
                start(request, "{\"steps\": [{\"percent\": 5}, {\"percent\": 5}]}"), "steps[1].percent", "above");
        assertBadRequest(
                start(request, "{\"steps\": [{\"percent\": 5}], \"abort_when\": {\"window\": \"1s\"}}"),
                "abort_when.window",
                "10s");
        assertBadRequest(
                start(request, "{\"steps\": [{\"percent\": 5}], \"abort_when\": {\"window\": \"5 minutes\"}}"),
                "abort_when.window",
                "not a duration");
        assertBadRequest(start(request, "{\"steps\": [{\"percent\": 5}], \"stepz\": []}"), "stepz", "unknown field");
        assertBadRequest(start(request, "{\"steps\": [{\"percent\": 5, \"hold\": 10}]}"), "steps[0].hold", "string");
        assertBadRequest(
                start(request, "{\"steps\": [{\"percent\": 5}], \"auto_advance\": \"yes\"}"), "auto_advance", "");
        assertBadRequest(start(request, "{\"steps\": []}"), "steps", "1 to 20");
        assertBadRequest(start(request, "{\"steps\": [{\"percent\": 100}]}"), "steps[0].percent", "below 100");
        assertBadRequest(
                start(request, "{\"steps\": [{\"percent\": 5}], \"cohort\": {\"labels\": {\"Region\": \"eu\"}}}"),
                "cohort.labels",
                "");
        assertThat(database()).isEqualTo(before);
        assertThat(calls().state(request)).isEqualTo("draft");
    }

    @Test
    void readersReadRolloutsButNeitherStartNorMoveThem() {
        String tool = unique("ro-roles");
        createTool(tool);
        long request = draft(tool, 777);

        assertProblem(start(request, PLAN, READER), 403);
        assertProblem(
                api.post(ChangeRequestCalls.PATH + "/" + request + "/rollout")
                        .json(PLAN)
                        .send(),
                401);
        long id = start(request, PLAN).json().path("id").asLong();
        for (String action : List.of("advance", "pause", "resume", "abort")) {
            assertProblem(
                    api.post(ROLLOUTS + "/" + id + "/" + action).token(READER).send(), 403);
        }
        assertThat(api.get(ROLLOUTS + "/" + id).token(READER).send().status()).isEqualTo(200);
        assertProblem(api.get(ROLLOUTS + "/" + id).send(), 401);
    }

    @Test
    void advancingThroughTheLastStepCompletesAndPublishesTheRequest() {
        String tool = unique("ro-done");
        JsonNode started = started(
                tool, "{\"steps\": [{\"percent\": 10, \"hold\": \"1h\"}, {\"percent\": 50}], \"auto_advance\": true}");
        long id = started.path("id").asLong();
        long request = started.path("change_request_id").asLong();
        assertThat(started.path("next_step_at").isNull()).isFalse();

        JsonNode stepped = ok(move(id, "advance"));
        assertThat(stepped.path("step").asInt()).isEqualTo(1);
        assertThat(stepped.path("percent").asDouble()).isEqualTo(50.0);
        assertThat(stepped.path("state").asText()).isEqualTo("running");
        Api.Reply completing = move(id, "advance");
        JsonNode completed = ok(completing);

        assertThat(completed.path("state").asText()).isEqualTo("completed");
        assertThat(completed.path("percent").asDouble()).isEqualTo(100.0);
        assertThat(completing.revisionHeader())
                .isEqualTo(completed.path("revision").asLong());
        assertThat(calls().state(request)).isEqualTo("published");
        assertThat(jdbc.queryForList("SELECT version FROM tools WHERE name = ?", Integer.class, tool))
                .containsExactly(2);
        assertThat(jdbc.queryForObject(
                        "SELECT (profiles -> 'default' ->> 'timeout_ms')::int FROM tools WHERE name = ?",
                        Integer.class,
                        tool))
                .isEqualTo(777);
        assertThat(operations(request)).containsExactly("rollout_start", "rollout_step", "rollout_complete");
        assertThat(jdbc.queryForList(
                        "SELECT DISTINCT trigger FROM catalog_changes WHERE change_request_id = ?",
                        String.class,
                        request))
                .containsExactly("rollout");
        assertThat(api.get(TOOLS + "/" + tool)
                        .header(
                                "X-Catalog-Min-Revision",
                                String.valueOf(completed.path("revision").asLong()))
                        .send()
                        .json()
                        .path("profiles")
                        .path("default")
                        .path("timeout_ms")
                        .asInt())
                .isEqualTo(777);
        // the tool is free again
        assertThat(api.put(TOOLS + "/" + tool)
                        .token(EDITOR)
                        .json(toolJson(tool, "after"))
                        .send()
                        .status())
                .isEqualTo(200);
    }

    @Test
    void abortFailsTheRequestAndRecordsARollbackWithTheReason() {
        String tool = unique("ro-abort");
        JsonNode started = started(tool, PLAN);
        long id = started.path("id").asLong();
        long request = started.path("change_request_id").asLong();

        JsonNode aborted = ok(api.post(ROLLOUTS + "/" + id + "/abort")
                .token(EDITOR)
                .json("{\"reason\": \"p99 latency doubled\"}")
                .send());

        assertThat(aborted.path("state").asText()).isEqualTo("aborted");
        assertThat(aborted.path("reason").asText()).isEqualTo("p99 latency doubled");
        assertThat(calls().state(request)).isEqualTo("failed");
        assertThat(jdbc.queryForObject(
                        "SELECT operation || ' ' || trigger || ' ' || reason FROM catalog_changes WHERE revision = ?",
                        String.class,
                        aborted.path("revision").asLong()))
                .isEqualTo("rollout_abort rollback p99 latency doubled");
        assertThat(jdbc.queryForList("SELECT version FROM tools WHERE name = ?", Integer.class, tool))
                .containsExactly(1);
        assertBadRequest(
                api.post(ROLLOUTS + "/" + id + "/abort")
                        .token(EDITOR)
                        .json("{\"reason\": \"" + "x".repeat(501) + "\"}")
                        .send(),
                "reason",
                "500");
        assertThat(api.put(TOOLS + "/" + tool)
                        .token(EDITOR)
                        .json(toolJson(tool, "after"))
                        .send()
                        .status())
                .isEqualTo(200);
    }
}
