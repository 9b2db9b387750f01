package io.toolcatalog.node.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolcatalog.core.testing.ToolDrafts;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.tool.Profile;
import io.toolcatalog.core.write.CatalogEditor;
import io.toolcatalog.node.testing.TestNodes;
import io.toolcatalog.node.testing.TestNodes.Node;
import io.toolcatalog.testsupport.PrivateRedis;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The watch stream with its node's own Redis stopped: streams go on, consumers answer locally. */
class WatchRedisOutageIT {

    private static final Duration WITHIN = Duration.ofSeconds(15);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static PrivateRedis redis;
    private static Node node;

    @BeforeAll
    static void start() throws IOException {
        redis = PrivateRedis.server();
        node = TestNodes.alone(
                "outage-watch-1",
                Map.of("spring.data.redis.url", redis.url(), "catalog.watch.consumer-report-interval", "200ms"));
    }

    @AfterAll
    static void stop() throws IOException {
        node.close();
        redis.stop();
    }

    private static JsonNode consumers() throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(node.baseUrl() + "/api/v1/cluster/consumers"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return EventStream.JSON.readTree(response.body());
    }

    @Test
    void streamsGoOnAndTheConsumerListFallsBackToThisNodeWhileRedisIsDown() throws Exception {
        try (EventStream stream =
                EventStream.open(node.baseUrl(), "", Map.of("X-Catalog-Consumer", "pipeline-outage"))) {
            EventStream.ReceivedEvent snapshot = stream.nextContent(WITHIN);
            await().atMost(WITHIN).untilAsserted(() -> {
                JsonNode body = consumers();
                assertThat(body.path("source").asText()).isEqualTo("cluster");
                assertThat(body.path("consumers").findValuesAsText("consumer_id"))
                        .contains("pipeline-outage");
            });
            redis.stop();
            try {
                long revision = node.bean(CatalogEditor.class)
                        .create(
                                ToolDrafts.named("during-outage")
                                        .description("d")
                                        .category("c")
                                        .tags()
                                        .enabled(true)
                                        .profile("default", new Profile(1, 1, 0.1, 0.1, 0.1, Map.of()))
                                        .author("it")
                                        .build(),
                                Actor.of("it"))
                        .revision();
                EventStream.ReceivedEvent change = stream.nextContent(WITHIN);
                assertThat(change.type()).isEqualTo("change");
                assertThat(change.data().path("from_revision").asLong()).isEqualTo(snapshot.revision());
                assertThat(change.revision()).isEqualTo(revision);
                await().atMost(WITHIN).untilAsserted(() -> {
                    JsonNode body = consumers();
                    assertThat(body.path("source").asText()).isEqualTo("local");
                    JsonNode consumer = body.path("consumers").get(0);
                    assertThat(consumer.path("consumer_id").asText()).isEqualTo("pipeline-outage");
                    assertThat(consumer.path("node_id").asText()).isEqualTo("outage-watch-1");
                    assertThat(consumer.path("delivered_revision").asLong()).isEqualTo(revision);
                });
            } finally {
                redis.start();
            }
            await().atMost(WITHIN).untilAsserted(() -> {
                JsonNode body = consumers();
                assertThat(body.path("source").asText()).isEqualTo("cluster");
                assertThat(body.path("consumers").findValuesAsText("consumer_id"))
                        .contains("pipeline-outage");
            });
        }
    }
}
