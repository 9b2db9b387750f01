package io.toolcatalog.node.api;

import static io.toolcatalog.node.api.ChangeRequestCalls.ALICE;
import static io.toolcatalog.node.api.ChangeRequestCalls.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.node.testing.TestCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A change request published through one node is served by the others, with its id in their history and watch events. */
class ChangeRequestClusterIT {

    static final Duration WITHIN = Duration.ofSeconds(10);

    static TestCluster cluster;

    @BeforeAll
    static void start() {
        cluster = TestCluster.start("cr-cluster", 2, ChangeRequestCalls.people());
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void aRequestPublishedThroughOneNodeIsServedByTheOtherWithItsId() throws Exception {
        Api a = new Api(cluster.node(1).port());
        Api b = new Api(cluster.node(2).port());
        ChangeRequestCalls calls = new ChangeRequestCalls(a);
        long id = calls.approved("across nodes", "across-tool", 1234);
        long now = cluster.database().revision();
        await().atMost(WITHIN)
                .until(() -> cluster.bean(2, CatalogReloader.class).applied() >= now);
        CompletableFuture<HttpResponse<String>> poll = HttpClient.newHttpClient()
                .sendAsync(
                        HttpRequest.newBuilder(URI.create(
                                        cluster.node(2).baseUrl() + "/api/v1/watch?since=" + now + "&wait=30s"))
                                .header("Accept", "application/json")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        long revision =
                ok(calls.step(ALICE, id, "publish")).path("published_revision").asLong();

        JsonNode change =
                Api.JSON.readTree(poll.get(WITHIN.toSeconds(), TimeUnit.SECONDS).body());
        assertThat(change.path("type").asText()).isEqualTo("change");
        assertThat(change.path("revision").asLong()).isEqualTo(revision);
        assertThat(change.path("change_request_id").asLong()).isEqualTo(id);
        assertThat(change.path("changed").findValuesAsText("name")).contains("across-tool");
        Api.Reply tool = b.get("/api/v1/tools/across-tool")
                .header("X-Catalog-Min-Revision", String.valueOf(revision))
                .send();
        assertThat(tool.json()
                        .path("profiles")
                        .path("default")
                        .path("timeout_ms")
                        .asInt())
                .isEqualTo(1234);
        String nodeB = cluster.node(2).id();
        await().atMost(WITHIN).untilAsserted(() -> {
            JsonNode history = b.get("/api/v1/tools/reload/history?node=" + nodeB + "&limit=20")
                    .send()
                    .json()
                    .path("history");
            assertThat(history).anySatisfy(event -> {
                assertThat(event.path("revision").asLong()).isEqualTo(revision);
                assertThat(event.path("change_request_id").asLong()).isEqualTo(id);
            });
        });
    }

    @Test
    void twoNodesPublishingOneRequestAtOncePublishItOnce() throws Exception {
        Api a = new Api(cluster.node(1).port());
        Api b = new Api(cluster.node(2).port());
        long id = new ChangeRequestCalls(a).approved("raced", "raced-tool", 10);

        CompletableFuture<Api.Reply> viaA =
                CompletableFuture.supplyAsync(() -> a.post(ChangeRequestCalls.PATH + "/" + id + "/publish")
                        .token(ALICE)
                        .send());
        CompletableFuture<Api.Reply> viaB =
                CompletableFuture.supplyAsync(() -> b.post(ChangeRequestCalls.PATH + "/" + id + "/publish")
                        .token(ALICE)
                        .send());

        assertThat(java.util.List.of(viaA.get().status(), viaB.get().status())).containsExactlyInAnyOrder(200, 409);
        assertThat(cluster.bean(1, org.springframework.jdbc.core.JdbcTemplate.class)
                        .queryForObject(
                                "SELECT count(*) FROM catalog_changes WHERE change_request_id = ?", Integer.class, id))
                .isEqualTo(1);
    }

    @Test
    void twoApproversOnTwoNodesAtOnceMoveItOnce() throws Exception {
        Api a = new Api(cluster.node(1).port());
        Api b = new Api(cluster.node(2).port());
        ChangeRequestCalls calls = new ChangeRequestCalls(a);
        long id = calls.open(ALICE, "two approvers");
        ok(calls.stageNew(ALICE, id, "two-approvers", 10));
        ok(calls.step(ALICE, id, "submit"));

        CompletableFuture<Api.Reply> bob =
                CompletableFuture.supplyAsync(() -> calls.step(ChangeRequestCalls.BOB, id, "approve"));
        CompletableFuture<Api.Reply> carol = CompletableFuture.supplyAsync(
                () -> new ChangeRequestCalls(b).step(ChangeRequestCalls.CAROL, id, "approve"));

        assertThat(java.util.List.of(bob.get().status(), carol.get().status())).containsExactlyInAnyOrder(200, 409);
        JsonNode request = calls.get(id).json();
        assertThat(request.path("state").asText()).isEqualTo("approved");
        assertThat(request.path("approvals")).hasSize(1);
    }
}
