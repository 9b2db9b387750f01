package io.toolcatalog.node.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolcatalog.client.CatalogClient;
import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.testing.ToolDrafts;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.write.CatalogEditor;
import io.toolcatalog.node.testing.TestNodes;
import io.toolcatalog.node.testing.TestNodes.Node;
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
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A content change that keeps the revision (a hand edit of the database, then a manual reload)
 * reaches every kind of watcher: an event stream, a long poll waiting at that revision, and the
 * Java client, which all end with the new content.
 */
class WatchSameRevisionIT {

    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Node node;

    @BeforeAll
    static void start() {
        node = TestNodes.alone("same-rev-1");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void aHandEditPickedUpByAManualReloadReachesStreamsLongPollsAndTheClient() throws Exception {
        CatalogEditor editor = node.bean(CatalogEditor.class);
        Actor actor = Actor.of("same-revision-it");
        editor.create(ToolDrafts.tool("edited", "before").author("it").build(), actor);
        long revision = editor.create(
                        ToolDrafts.tool("untouched", "same").author("it").build(), actor)
                .revision();
        await().atMost(WITHIN).until(() -> node.bean(CatalogReloader.class).applied() >= revision);

        try (EventStream stream = EventStream.open(node.baseUrl(), "");
                CatalogClient client = CatalogClient.builder()
                        .endpoints(URI.create(node.baseUrl()))
                        .consumerId("same-revision-it")
                        .build()) {
            EventStream.ReceivedEvent first = stream.nextContent(WITHIN);
            assertThat(first.type()).isEqualTo("snapshot");
            assertThat(first.revision()).isEqualTo(revision);
            assertThat(descriptionIn(first.data().path("tools"), "edited")).isEqualTo("before");
            client.start();
            assertThat(client.awaitRevision(revision, WITHIN)).isTrue();
            assertThat(client.tool("edited").orElseThrow().description()).isEqualTo("before");
            CompletableFuture<HttpResponse<String>> poll = longPoll(revision);

            int edited = node.bean(JdbcTemplate.class)
                    .update("UPDATE tools SET description = 'after' WHERE name = 'edited'");
            assertThat(edited).isEqualTo(1);
            HttpResponse<String> reload = HTTP.send(
                    HttpRequest.newBuilder(URI.create(node.baseUrl() + "/api/v1/tools/reload?triggered_by=it"))
                            .header("Authorization", "Bearer " + TestNodes.ADMIN_TOKEN)
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(reload.statusCode()).isEqualTo(200);
            assertThat(node.bean(CatalogReloader.class).applied()).isEqualTo(revision);

            EventStream.ReceivedEvent again = stream.nextContent(WITHIN);
            assertThat(again).as("an event after the reload").isNotNull();
            assertThat(again.type()).isEqualTo("snapshot");
            assertThat(again.revision()).isEqualTo(revision);
            assertThat(descriptionIn(again.data().path("tools"), "edited")).isEqualTo("after");
            assertThat(descriptionIn(again.data().path("tools"), "untouched")).isEqualTo("same");

            HttpResponse<String> answered = poll.get(WITHIN.toSeconds(), TimeUnit.SECONDS);
            assertThat(answered.statusCode()).isEqualTo(200);
            JsonNode body = EventStream.JSON.readTree(answered.body());
            assertThat(body.path("type").asText()).isEqualTo("snapshot");
            assertThat(body.path("revision").asLong()).isEqualTo(revision);
            assertThat(descriptionIn(body.path("tools"), "edited")).isEqualTo("after");

            await().atMost(WITHIN).untilAsserted(() -> assertThat(
                            client.tool("edited").orElseThrow().description())
                    .isEqualTo("after"));
            assertThat(client.revision()).isEqualTo(revision);
        }
    }

    private static CompletableFuture<HttpResponse<String>> longPoll(long since) {
        return HTTP.sendAsync(
                HttpRequest.newBuilder(URI.create(node.baseUrl() + "/api/v1/watch?since=" + since + "&wait=30s"))
                        .header("Accept", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String descriptionIn(JsonNode tools, String name) {
        for (JsonNode tool : tools) {
            if (tool.path("name").asText().equals(name)) {
                return tool.path("description").asText();
            }
        }
        return null;
    }
}
