package io.toolcatalog.node.api;

import static io.toolcatalog.node.api.ChangeRequestCalls.ADMIN;
import static io.toolcatalog.node.api.ChangeRequestCalls.ALICE;
import static io.toolcatalog.node.api.ChangeRequestCalls.BOB;
import static io.toolcatalog.node.api.Problems.assertBadRequest;
import static io.toolcatalog.node.api.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolcatalog.core.cohort.ActiveRollout;
import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.rollout.RolloutDriver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Outcome reports on a cluster of two nodes whose drivers look every 100 ms: consumers in the
 * cohort doing worse than the control by more than the margin abort the rollout by themselves
 * (through either node), not before each side has its minimum of reports; an apply failure from
 * the cohort aborts at once; bad reports are 400 naming the field, another principal's consumer id
 * is 403, and a flood is 429 (node 2 has a small report budget).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RolloutReportsIT extends ChangeRequestCluster {

    static final String REPORTS = "/api/v1/consumers/reports";

    static Api one;
    static Api two;

    @BeforeAll
    static void start() {
        startCluster("reports", 1, Map.of("catalog.changes.schedule-poll", "100ms"));
        cluster.add(
                "reports-2", Map.of("catalog.security.report-rate-limit", "1", "catalog.security.report-burst", "40"));
        one = api;
        two = new Api(cluster.node(2).port());
    }

    /** A rollout by alice of a new timeout for a fresh tool, with this plan, active on both nodes; its id. */
    static long rollout(String tool, String plan) {
        Api.Reply created = one.post("/api/v1/tools")
                .token(ADMIN)
                .json(ApiTestSupport.toolJson(tool, "reported on"))
                .send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long request = calls.open(ALICE, "rollout of " + tool);
        ChangeRequestCalls.ok(calls.stageNew(ALICE, request, tool, 777));
        Api.Reply started = one.post(ChangeRequestCalls.PATH + "/" + request + "/rollout")
                .token(ALICE)
                .json(plan)
                .send();
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        long id = started.json().path("id").asLong();
        await().atMost(WITHIN).until(() -> cluster.nodes().stream()
                .allMatch(n -> n.bean(CatalogReloader.class).snapshot().rollouts().stream()
                        .anyMatch(r -> r.id() == id)));
        return id;
    }

    /** {@code count} consumer ids in (or out of) rollout {@code id}'s cohort at {@code percent}. */
    static List<String> consumers(long id, double percent, boolean inCohort, int count) {
        String prefix = UUID.randomUUID().toString().substring(0, 6);
        return IntStream.range(0, 10_000)
                .mapToObj(i -> "svc-" + prefix + "-" + i)
                .filter(c -> (ActiveRollout.bucket(id, c) < Math.round(percent * 100)) == inCohort)
                .limit(count)
                .collect(Collectors.toList());
    }

    static Api.Reply report(Api api, String consumer, String body) {
        return api.post(REPORTS)
                .header("X-Catalog-Consumer", consumer)
                .json(body)
                .send();
    }

    static String outcomes(String tool, int success, int failure) {
        return "{\"tools\": {\"%s\": {\"success\": %d, \"failure\": %d}}}".formatted(tool, success, failure);
    }

    static void accepted(Api.Reply reply, int tools) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
        assertThat(reply.json().path("accepted").asInt()).isEqualTo(tools);
    }

    static JsonNode rolloutBody(long id) {
        return one.get("/api/v1/rollouts/" + id).token(ADMIN).send().json();
    }

    static void awaitNoActiveRollout(long id) {
        await().atMost(WITHIN).until(() -> cluster.nodes().stream()
                .allMatch(n -> n.bean(CatalogReloader.class).snapshot().rollouts().stream()
                        .noneMatch(r -> r.id() == id)));
    }

    @Test
    @Order(1)
    void aCohortFailingMoreThanTheControlAbortsTheRolloutByItself() {
        String tool = "reported-" + UUID.randomUUID().toString().substring(0, 8);
        long id = rollout(
                tool,
                """
                {"steps": [{"percent": 50}, {"percent": 100}],
                 "abort_when": {"failure_rate_margin": 0.05, "min_reports": 100, "window": "1m"}}""");
        List<String> cohort = consumers(id, 50, true, 4);
        List<String> control = consumers(id, 50, false, 4);

        for (int i = 0; i < control.size(); i++) {
            accepted(report(i % 2 == 0 ? one : two, control.get(i), outcomes(tool, 99, 1)), 1);
        }
        assertThat(rolloutBody(id).path("state").asText()).isEqualTo("running");
        long reported = System.nanoTime();
        for (int i = 0; i < cohort.size(); i++) {
            report(i % 2 == 0 ? two : one, cohort.get(i), outcomes(tool, 70, 30));
        }

        await().atMost(WITHIN)
                .until(() -> rolloutBody(id).path("state").asText().equals("aborted"));
        System.out.printf(
                "RolloutReportsIT: first cohort report -> rollout aborted (observed): %d ms%n",
                (System.nanoTime() - reported) / 1_000_000);
        JsonNode aborted = rolloutBody(id);
        assertThat(aborted.path("reason").asText())
                .matches("cohort 30\\.0 % of [1-4]00, control 1\\.0 % of 400 \\(margin 5\\.0 points\\)");
        assertThat(aborted.path("outcomes").path("control").path("failure").asLong())
                .isEqualTo(4);
        assertThat(aborted.path("history").findValuesAsText("by")).contains("rollout-driver");
        assertThat(jdbc.queryForObject(
                        "SELECT trigger FROM catalog_changes WHERE revision = ?",
                        String.class,
                        aborted.path("revision").asLong()))
                .isEqualTo("rollback");
        assertThat(calls.state(aborted.path("change_request_id").asLong())).isEqualTo("failed");
        awaitNoActiveRollout(id);
        // reports after the abort land nowhere
        accepted(report(one, cohort.get(0), outcomes(tool, 1, 1)), 0);
    }

    @Test
    @Order(2)
    void belowMinReportsNothingHappens() {
        String tool = "few-reports-" + UUID.randomUUID().toString().substring(0, 8);
        long id = rollout(
                tool,
                """
                {"steps": [{"percent": 50}], "abort_when": {"failure_rate_margin": 0.05, "min_reports": 100, "window": "1m"}}""");
        String cohort = consumers(id, 50, true, 1).get(0);
        String control = consumers(id, 50, false, 1).get(0);

        accepted(report(one, control, outcomes(tool, 396, 4)), 1);
        accepted(report(two, cohort, outcomes(tool, 49, 50)), 1);

        JsonNode body = rolloutBody(id);
        assertThat(body.path("outcomes").path("cohort").path("failure").asLong())
                .isEqualTo(50);
        assertThat(body.path("outcomes").path("cohort").path("failure_rate").asDouble())
                .isGreaterThan(0.5);
        assertThat(body.path("outcomes").path("control").path("success").asLong())
                .isEqualTo(396);
        assertThat(body.path("slices").findValues("cohort")).isNotEmpty();
        assertThat(cluster.bean(1, RolloutDriver.class).tick()).isZero();
        assertThat(cluster.bean(2, RolloutDriver.class).tick()).isZero();
        assertThat(rolloutBody(id).path("state").asText()).isEqualTo("running");
        one.post("/api/v1/rollouts/" + id + "/abort").token(ALICE).send();
    }

    @Test
    @Order(3)
    void anApplyFailureFromTheCohortAbortsAndOneFromTheControlDoesNot() {
        String tool = "apply-fails-" + UUID.randomUUID().toString().substring(0, 8);
        long id = rollout(tool, "{\"steps\": [{\"percent\": 50}]}");
        long revision = rolloutBody(id).path("revision").asLong();
        String cohort = consumers(id, 50, true, 1).get(0);
        String control = consumers(id, 50, false, 1).get(0);
        String failure = "{\"apply_failures\": [{\"revision\": %d, \"tool\": \"%s\", \"error\": \"handler threw\"}]}"
                .formatted(revision, tool);

        accepted(report(one, control, failure), 0);
        assertThat(rolloutBody(id).path("state").asText()).isEqualTo("running");
        accepted(report(two, cohort, failure), 0);

        JsonNode aborted = rolloutBody(id);
        assertThat(aborted.path("state").asText()).isEqualTo("aborted");
        assertThat(aborted.path("reason").asText())
                .isEqualTo("consumer " + cohort + " failed to apply revision " + revision + ": handler threw");
        awaitNoActiveRollout(id);
    }

    @Test
    @Order(4)
    void badReportsAnswer400NamingTheField() {
        String tool = "bad-reports";
        assertBadRequest(one.post(REPORTS).json(outcomes(tool, 1, 1)).send(), "X-Catalog-Consumer", "required");
        assertBadRequest(report(one, "not ok!", outcomes(tool, 1, 1)), "X-Catalog-Consumer", "X-Catalog-Consumer");
        assertBadRequest(
                one.post(REPORTS)
                        .header("X-Catalog-Consumer", "svc-a")
                        .header("X-Catalog-Consumer-Labels", "Region=eu")
                        .json(outcomes(tool, 1, 1))
                        .send(),
                "X-Catalog-Consumer-Labels",
                "X-Catalog-Consumer-Labels");
        assertBadRequest(report(one, "svc-a", outcomes(tool, -1, 1)), "tools." + tool + ".success", "between");
        assertBadRequest(report(one, "svc-a", outcomes(tool, 1, 1_000_001)), "tools." + tool + ".failure", "1000000");
        assertBadRequest(
                report(one, "svc-a", "{\"tools\": {\"t\": {\"success\": 1, \"failures\": 1}}}"),
                "tools.t.failures",
                "unknown field");
        assertBadRequest(report(one, "svc-a", "{\"tools\": {\"t\": {\"success\": true}}}"), "tools.t.success", "");
        assertBadRequest(report(one, "svc-a", "{\"tools\": [\"t\"]}"), "tools", "");
        String many = IntStream.range(0, 201)
                .mapToObj(i -> "\"t" + i + "\": {\"success\": 1}")
                .collect(Collectors.joining(",", "{\"tools\": {", "}}"));
        assertBadRequest(report(one, "svc-a", many), "tools", "200");
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            failures.add("{\"revision\": 1, \"error\": \"e\"}");
        }
        assertBadRequest(
                report(one, "svc-a", "{\"apply_failures\": [" + String.join(",", failures) + "]}"),
                "apply_failures",
                "20");
        assertBadRequest(
                report(
                        one,
                        "svc-a",
                        "{\"apply_failures\": [{\"revision\": 1, \"error\": \"" + "x".repeat(501) + "\"}]}"),
                "apply_failures[0].error",
                "500");
        assertBadRequest(
                report(one, "svc-a", "{\"apply_failures\": [{\"tool\": \"t\", \"error\": \"e\"}]}"),
                "apply_failures[0].revision",
                "required");
    }

    @Test
    @Order(5)
    void aConsumerIdOwnedByAnotherPrincipalIsRefused() {
        String id = "owned-" + UUID.randomUUID().toString().substring(0, 8);
        String body = outcomes("any-tool", 1, 0);

        accepted(
                one.post(REPORTS)
                        .token(ALICE)
                        .header("X-Catalog-Consumer", id)
                        .json(body)
                        .send(),
                0);

        assertProblem(
                two.post(REPORTS)
                        .token(BOB)
                        .header("X-Catalog-Consumer", id)
                        .json(body)
                        .send(),
                403);
        assertProblem(
                one.post(REPORTS)
                        .token(BOB)
                        .header("X-Catalog-Consumer", id)
                        .json(body)
                        .send(),
                403);
        assertProblem(
                two.post(REPORTS).header("X-Catalog-Consumer", id).json(body).send(), 403);
        accepted(
                two.post(REPORTS)
                        .token(ALICE)
                        .header("X-Catalog-Consumer", id)
                        .json(body)
                        .send(),
                0);
        assertThat(one.post(REPORTS)
                        .token("no-such-token")
                        .header("X-Catalog-Consumer", id)
                        .json(body)
                        .send()
                        .status())
                .isEqualTo(401);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void aFloodOfReportsIsAnswered429() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 200 && !statuses.contains(429); i++) {
            statuses.add(report(two, "flooder", outcomes("flooded", 1, 0)).status());
        }
        assertThat(statuses).contains(429);
        Api.Reply refused = report(two, "flooder", outcomes("flooded", 1, 0));
        assertProblem(refused, 429);
        assertThat(refused.header("Retry-After")).isPresent();
        // the budget is this node's: the other node still takes reports
        accepted(report(one, "flooder", outcomes("flooded", 1, 0)), 0);
    }
}
