package io.toolcatalog.node.api;

import static io.toolcatalog.node.api.ChangeRequestCalls.ADMIN;
import static io.toolcatalog.node.api.ChangeRequestCalls.ALICE;
import static io.toolcatalog.node.api.ChangeRequestCalls.BOB;
import static io.toolcatalog.node.api.ChangeRequestCalls.PATH;
import static io.toolcatalog.node.api.ChangeRequestCalls.ok;
import static io.toolcatalog.node.api.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scheduled publishes on a cluster of three nodes that all look for due requests: each is published
 * exactly once, a claim held by a transaction that dies is taken over, and one that can no longer
 * apply fails with its reason and writes nothing.
 */
class ScheduledPublishIT extends ChangeRequestCluster {

    @BeforeAll
    static void start() {
        startCluster("cr-scheduled", 3, Map.of("catalog.changes.schedule-poll", "100ms"));
    }

    @Test
    void isPublishedExactlyOnceWhenDue() {
        long id = calls.approved("scheduled once", "sched-once", 300);

        schedule(id, Instant.now().plusMillis(800));

        await().atMost(WITHIN).until(() -> calls.state(id).equals("published"));
        assertThat(publishedRevisions(id)).isEqualTo(1);
        assertThat(publishedEvents(id)).isEqualTo(1);
        JsonNode request = calls.get(id).json();
        assertThat(request.path("publish_at").isNull()).isTrue();
        assertThat(jdbc.queryForObject(
                        "SELECT trigger FROM catalog_changes WHERE change_request_id = ?", String.class, id))
                .isEqualTo("scheduled");
        cluster.awaitConverged(WITHIN);
        assertThat(new Api(cluster.node(3).port())
                        .get("/api/v1/tools/sched-once")
                        .send()
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aClaimHeldByATransactionThatDiesIsTakenOverAndPublishedOnce() throws Exception {
        long id = calls.approved("claim dies", "sched-claimed", 300);
        Instant due = Instant.now().plusMillis(500);
        schedule(id, due);
        try (Connection claim = cluster.bean(1, DataSource.class).getConnection()) {
            claim.setAutoCommit(false);
            try (PreparedStatement lock =
                    claim.prepareStatement("SELECT id FROM change_requests WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, id);
                lock.executeQuery().close();
            }
            // due and polled by every node many times over, but claimed: nobody publishes it
            await().pollDelay(Duration.ofMillis(1500)).atMost(WITHIN).until(() -> Instant.now()
                    .isAfter(due.plusMillis(1000)));
            assertThat(calls.state(id)).isEqualTo("approved");
            assertThat(publishedRevisions(id)).isZero();
            claim.rollback(); // the claiming node dies: its transaction ends, and the claim with it
        }

        await().atMost(WITHIN).until(() -> calls.state(id).equals("published"));
        assertThat(publishedRevisions(id)).isEqualTo(1);
        assertThat(publishedEvents(id)).isEqualTo(1);
    }

    @Test
    void aRequestThatNoLongerAppliesFailsWithItsReasonAndWritesNothing() {
        Api.Reply created = api.post("/api/v1/tools")
                .token(ADMIN)
                .json("{\"name\": \"sched-moved\", \"description\": \"before\"}")
                .send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = calls.open(ALICE, "will fail");
        ok(calls.stage(ALICE, id, "sched-moved", "{\"action\": \"upsert\", \"tool\": {\"description\": \"from CR\"}}"));
        ok(calls.step(ALICE, id, "submit"));
        ok(calls.step(BOB, id, "approve"));
        schedule(id, Instant.now().plusMillis(800));
        ok(api.put("/api/v1/tools/sched-moved")
                .token(ADMIN)
                .json("{\"description\": \"moved\"}")
                .send());

        await().atMost(WITHIN).until(() -> calls.state(id).equals("failed"));

        JsonNode request = calls.get(id).json();
        assertThat(request.path("failure_reason").asText()).contains("conflict", "sched-moved");
        assertThat(publishedRevisions(id)).isZero();
        assertThat(api.get("/api/v1/tools/sched-moved")
                        .send()
                        .json()
                        .path("description")
                        .asText())
                .isEqualTo("moved");
        JsonNode events =
                api.get(PATH + "/" + id + "/events").token(ALICE).send().json().path("events");
        assertThat(events.get(events.size() - 1).path("action").asText()).isEqualTo("failed");
    }

    @Test
    void anEditUnschedulesIt() {
        long id = calls.approved("edited after scheduling", "sched-edited", 300);
        schedule(id, Instant.now().plusSeconds(3600));

        ok(calls.stageNew(ALICE, id, "sched-edited", 400));

        JsonNode request = calls.get(id).json();
        assertThat(request.path("state").asText()).isEqualTo("draft");
        assertThat(request.path("publish_at").isNull()).isTrue();
    }

    @Test
    void onlyAnApprovedRequestCanBeScheduled() {
        long id = calls.open(ALICE, "draft");

        assertProblem(
                api.post(PATH + "/" + id + "/schedule")
                        .token(ALICE)
                        .json("{\"publish_at\": \"" + Instant.now() + "\"}")
                        .send(),
                409);
    }

    private static void schedule(long id, Instant at) {
        ok(api.post(PATH + "/" + id + "/schedule")
                .token(ALICE)
                .json("{\"publish_at\": \"" + at + "\"}")
                .send());
    }

    private static int publishedRevisions(long id) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM catalog_changes WHERE change_request_id = ?", Integer.class, id);
    }

    private static int publishedEvents(long id) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM change_request_events WHERE change_request_id = ? AND action = 'published'",
                Integer.class,
                id);
    }
}
