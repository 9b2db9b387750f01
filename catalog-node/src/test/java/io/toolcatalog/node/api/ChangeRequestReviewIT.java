package io.toolcatalog.node.api;

import static io.toolcatalog.node.api.ChangeRequestCalls.ADMIN;
import static io.toolcatalog.node.api.ChangeRequestCalls.ALICE;
import static io.toolcatalog.node.api.ChangeRequestCalls.BOB;
import static io.toolcatalog.node.api.ChangeRequestCalls.CAROL;
import static io.toolcatalog.node.api.ChangeRequestCalls.EDITOR;
import static io.toolcatalog.node.api.ChangeRequestCalls.PATH;
import static io.toolcatalog.node.api.ChangeRequestCalls.ok;
import static io.toolcatalog.node.api.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A change request's review: who may approve, approvals bound to content, and every step recorded. */
class ChangeRequestReviewIT extends ChangeRequestNode {

    @BeforeAll
    static void start() {
        startNode("cr-review", Map.of("catalog.changes.required-approvals", "1"));
    }

    @Test
    void opensADraftAgainstTheCatalogsRevision() {
        Api.Reply reply = api.post(PATH)
                .token(ALICE)
                .json("{\"title\": \"t\", \"description\": \"d\"}")
                .send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.header("Location"))
                .hasValue(PATH + "/" + reply.json().path("id").asLong());
        assertThat(reply.json().path("state").asText()).isEqualTo("draft");
        assertThat(reply.json().path("author").asText()).isEqualTo("alice");
        assertThat(reply.json().path("base_revision").isNumber()).isTrue();
        assertThat(reply.json().path("items")).isEmpty();
    }

    @Test
    void theAuthorCannotApproveTheirOwnRequest() {
        long id = calls.open(BOB, "bob's own");
        ok(calls.stageNew(BOB, id, "own-tool", 100));
        ok(calls.step(BOB, id, "submit"));

        Api.Reply reply = calls.step(BOB, id, "approve");

        assertProblem(reply, 403);
        assertThat(reply.json().path("detail").asText()).contains("author");
        assertThat(calls.state(id)).isEqualTo("in_review");
        ok(calls.step(CAROL, id, "approve"));
        assertThat(calls.state(id)).isEqualTo("approved");
    }

    @Test
    void anEditorCannotApprove() {
        long id = calls.open(ALICE, "needs approver");
        ok(calls.stageNew(ALICE, id, "needs-approver", 100));
        ok(calls.step(ALICE, id, "submit"));

        assertProblem(calls.step(EDITOR, id, "approve"), 403);
        assertThat(calls.state(id)).isEqualTo("in_review");
    }

    @Test
    void anEditAfterApprovalPutsItBackToDraftAndClearsTheApprovals() {
        long id = calls.approved("bound to content", "bound-tool", 100);
        assertThat(calls.get(id).json().path("approvals")).hasSize(1);

        ok(calls.stageNew(ALICE, id, "bound-tool", 200));

        JsonNode after = calls.get(id).json();
        assertThat(after.path("state").asText()).isEqualTo("draft");
        assertThat(after.path("approvals")).isEmpty();
        // resubmitted, the old approval does not count: it was of other content, so bob approves anew
        ok(calls.step(ALICE, id, "submit"));
        assertThat(calls.state(id)).isEqualTo("in_review");
        assertThat(calls.get(id).json().path("approvals")).isEmpty();
        ok(calls.step(BOB, id, "approve"));
        assertThat(calls.state(id)).isEqualTo("approved");
    }

    @Test
    void submitListsEveryInvalidItemWithItsField() {
        long id = calls.open(ALICE, "two bad items");
        ok(calls.stageNew(ALICE, id, "good-one", 100));
        // staged while valid, made invalid by a direct write would be one way; here: delete of a missing tool
        Api.Reply missing = calls.stage(ALICE, id, "not-there", "{\"action\": \"delete\"}");
        assertProblem(missing, 422);
        assertThat(missing.json().path("problems").get(0).path("item").asText()).isEqualTo("not-there");

        Api.Reply badTimeout = calls.stageNew(ALICE, id, "bad-timeout", 0);

        assertProblem(badTimeout, 422);
        assertThat(badTimeout.json().path("problems").get(0).path("field").asText())
                .isEqualTo("profiles.default.timeout_ms");
        assertThat(calls.get(id).json().path("items")).hasSize(1);
    }

    @Test
    void a422ListsEveryProblemOfEveryItem() {
        String profile = "strict_" + Long.toHexString(System.nanoTime());
        long id = calls.open(ALICE, "many problems");
        ok(calls.stage(ALICE, id, "two-over", itemWith(profile, "{\"timeout_ms\": 5000, \"max_retries\": 3}")));
        ok(calls.stage(ALICE, id, "one-over", itemWith(profile, "{\"timeout_ms\": 2000}")));
        Api.Reply outOfRange = calls.stage(
                ALICE, id, "out-of-range", itemWith("default", "{\"timeout_ms\": 0, \"max_retries\": 101}"));
        assertProblem(outOfRange, 422);
        assertThat(outOfRange.json().path("problems").findValuesAsText("field"))
                .containsExactly("profiles.default.timeout_ms", "profiles.default.max_retries");
        String schema = "{\"properties\": {\"timeout_ms\": {\"maximum\": 1000}, \"max_retries\": {\"maximum\": 1}}}";
        Api.Reply set = api.put("/api/v1/schemas/profiles/" + profile)
                .token(ADMIN)
                .json(schema)
                .send();
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        try {
            Api.Reply submit = calls.step(ALICE, id, "submit");

            assertProblem(submit, 422);
            List<String> found = new ArrayList<>();
            submit.json()
                    .path("problems")
                    .forEach(p -> found.add(
                            p.path("item").asText() + " " + p.path("field").asText()));
            assertThat(found)
                    .containsExactlyInAnyOrder(
                            "two-over profiles." + profile + ".timeout_ms",
                            "two-over profiles." + profile + ".max_retries",
                            "one-over profiles." + profile + ".timeout_ms");
            assertThat(calls.state(id)).isEqualTo("draft");
        } finally {
            api.delete("/api/v1/schemas/profiles/" + profile).token(ADMIN).send();
        }
    }

    private static String itemWith(String profile, String fields) {
        return """
                {"action": "upsert", "tool": {"description": "d", "profiles": {"%s": %s}}}"""
                .formatted(profile, fields);
    }

    @Test
    void submittingAnEmptyRequestIs422() {
        long id = calls.open(ALICE, "empty");

        Api.Reply reply = calls.step(ALICE, id, "submit");

        assertProblem(reply, 422);
        assertThat(reply.json().path("problems").get(0).path("field").asText()).isEqualTo("items");
    }

    @Test
    void everyTransitionIsAnEventWithWhoWhenAndComment() {
        long id = calls.approved("recorded", "recorded-tool", 100);
        ok(calls.step(BOB, id, "reject"));

        JsonNode events =
                api.get(PATH + "/" + id + "/events").token(ALICE).send().json().path("events");

        List<String> steps = new ArrayList<>();
        events.forEach(e ->
                steps.add(e.path("action").asText() + ":" + e.path("from_state").asText() + "->"
                        + e.path("to_state").asText() + ":" + e.path("actor").asText()));
        assertThat(steps)
                .containsExactly(
                        "created:null->draft:alice",
                        "edited:draft->draft:alice",
                        "submitted:draft->in_review:alice",
                        "approved:in_review->approved:bob",
                        "rejected:approved->rejected:bob");
        assertThat(events.get(2).path("comment").asText()).isEqualTo("submit by test");
        assertThat(events.get(2).path("at").asText()).isNotBlank();
    }

    @Test
    void listsRequestsByState() {
        long withdrawn = calls.open(ALICE, "to withdraw");
        ok(calls.step(ALICE, withdrawn, "withdraw"));

        JsonNode list = api.get(PATH + "?state=withdrawn").token(ALICE).send().json();

        assertThat(list.path("change_requests").findValuesAsText("state")).containsOnly("withdrawn");
        assertThat(list.path("change_requests").findValuesAsText("id")).contains(String.valueOf(withdrawn));
        assertProblem(api.get(PATH + "?state=nope").token(ALICE).send(), 400);
    }

    @Test
    void onlyTheAuthorOrAnAdminWithdraws() {
        long id = calls.open(ALICE, "alice's");

        assertProblem(calls.step(EDITOR, id, "withdraw"), 403);
        ok(calls.step(ADMIN, id, "withdraw"));
        assertProblem(calls.step(ALICE, id, "submit"), 409);
    }

    @Test
    void anUnknownRequestIs404() {
        assertProblem(calls.get(987654321L), 404);
    }
}
