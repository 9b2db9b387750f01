package io.toolcatalog.node.api;

import static io.toolcatalog.node.api.ChangeRequestCalls.ADMIN;
import static io.toolcatalog.node.api.ChangeRequestCalls.ALICE;
import static io.toolcatalog.node.api.ChangeRequestCalls.BOB;
import static io.toolcatalog.node.api.ChangeRequestCalls.EDITOR;
import static io.toolcatalog.node.api.ChangeRequestCalls.ok;
import static io.toolcatalog.node.api.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code catalog.changes.review=required}: editors change the catalog only through approved change requests. */
class ReviewRequiredIT extends ChangeRequestNode {

    static final String TOOLS = "/api/v1/tools";
    static final String TOOL = "{\"name\": \"%s\", \"description\": \"d\"}";

    @BeforeAll
    static void start() {
        startNode("cr-required", Map.of("catalog.changes.review", "required"));
    }

    @Test
    void anEditorsDirectWritesAre403PointingToChangeRequests() {
        Api.Reply create =
                api.post(TOOLS).token(EDITOR).json(TOOL.formatted("direct-1")).send();

        assertProblem(create, 403);
        assertThat(create.json().path("type").asText()).isEqualTo("/api/v1/change-requests");
        assertProblem(
                api.post(TOOLS + "/import")
                        .token(EDITOR)
                        .json("{\"tools\": []}")
                        .send(),
                403);
        assertProblem(api.patch(TOOLS + "/anything/disable").token(EDITOR).send(), 403);
        assertThat(api.get(TOOLS + "/direct-1").send().status()).isEqualTo(404);
    }

    @Test
    void anAdminWritesDirectlyOnlyWithAReason() {
        Api.Reply without =
                api.post(TOOLS).token(ADMIN).json(TOOL.formatted("emergency-1")).send();
        assertProblem(without, 403);
        assertThat(without.json().path("detail").asText()).contains("reason");

        Api.Reply with = api.post(TOOLS + "?reason=outage%20fix")
                .token(ADMIN)
                .json(TOOL.formatted("emergency-1"))
                .send();

        assertThat(with.status()).as(with.toString()).isEqualTo(201);
    }

    @Test
    void aDraftCannotBePublishedButAnApprovedRequestCan() {
        long id = calls.open(ALICE, "reviewed");
        ok(calls.stageNew(ALICE, id, "reviewed-tool", 100));
        assertProblem(calls.step(ALICE, id, "publish"), 409);
        ok(calls.step(ALICE, id, "submit"));
        assertProblem(calls.step(ALICE, id, "publish"), 409);
        ok(calls.step(BOB, id, "approve"));

        ok(calls.step(ALICE, id, "publish"));

        assertThat(api.get(TOOLS + "/reviewed-tool").send().status()).isEqualTo(200);
    }

    @Test
    void aRevertOpensAChangeRequestHoldingItsItemsAndWritesNothingUntilPublished() {
        long id = calls.open(ALICE, "to revert");
        ok(calls.stageNew(ALICE, id, "revert-a", 100));
        ok(calls.stageNew(ALICE, id, "revert-b", 200));
        ok(calls.step(ALICE, id, "submit"));
        ok(calls.step(BOB, id, "approve"));
        long published =
                ok(calls.step(ALICE, id, "publish")).path("published_revision").asLong();

        Api.Reply revert = api.post("/api/v1/revisions/" + published + "/revert")
                .token(ALICE)
                .send();

        assertThat(revert.status()).as(revert.toString()).isEqualTo(201);
        assertThat(revert.json().path("state").asText()).isEqualTo("draft");
        assertThat(revert.json().path("items").findValuesAsText("action")).containsOnly("delete");
        assertThat(revert.json().path("items").findValuesAsText("name"))
                .containsExactlyInAnyOrder("revert-a", "revert-b");
        assertThat(api.get(TOOLS + "/revert-a").send().status()).isEqualTo(200);

        long revertId = revert.json().path("id").asLong();
        ok(calls.step(ALICE, revertId, "submit"));
        ok(calls.step(BOB, revertId, "approve"));
        ok(calls.step(ALICE, revertId, "publish"));

        assertThat(api.get(TOOLS + "/revert-a").send().status()).isEqualTo(404);
        assertThat(api.get(TOOLS + "/revert-b").send().status()).isEqualTo(404);
    }

    @Test
    void aRolloutTakesAnApprovedRequestAndAnApproverToStartAndMoveIt() {
        long id = calls.open(ALICE, "rolled out");
        ok(calls.stageNew(ALICE, id, "rolled-tool", 100));
        String plan = "{\"steps\": [{\"percent\": 20}]}";
        String path = ChangeRequestCalls.PATH + "/" + id + "/rollout";
        assertProblem(api.post(path).token(BOB).json(plan).send(), 409);
        ok(calls.step(ALICE, id, "submit"));
        ok(calls.step(BOB, id, "approve"));

        assertProblem(api.post(path).token(ALICE).json(plan).send(), 403);
        Api.Reply started = api.post(path).token(BOB).json(plan).send();

        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        assertThat(started.json().path("started_by").asText()).isEqualTo("bob");
        String rollout = "/api/v1/rollouts/" + started.json().path("id").asLong();
        assertProblem(api.post(rollout + "/pause").token(ALICE).send(), 403);
        assertProblem(api.post(rollout + "/advance").token(EDITOR).send(), 403);
        assertThat(api.get(rollout).token(ALICE).send().status()).isEqualTo(200);
        ok(api.post(rollout + "/advance").token(BOB).send());
        assertThat(calls.state(id)).isEqualTo("published");
        assertThat(api.get(TOOLS + "/rolled-tool").send().status()).isEqualTo(200);
    }

    @Test
    void reloadsAreNotWrites() {
        Api.Reply reply = api.post(TOOLS + "/reload?scope=node").token(ADMIN).send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }
}
