package io.toolcatalog.node.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.toolcatalog.core.testing.ToolDrafts;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.write.CatalogEditor;
import io.toolcatalog.node.testing.TestNodes;
import io.toolcatalog.node.testing.TestNodes.Node;
import io.toolcatalog.testsupport.TestInfrastructure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.DataType;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The consumer registry through the API: entries expire one by one without anyone listing them, an
 * anonymous watch cannot move the position of a consumer that authenticated, and the list comes in
 * bounded pages.
 */
class ConsumerRegistryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String CLUSTER = TestInfrastructure.newClusterName();

    private static Node node;

    @BeforeAll
    static void start() {
        node = TestNodes.start(
                TestInfrastructure.newSchemaUrl(),
                CLUSTER,
                "consumers-1",
                Map.of("catalog.watch.consumer-ttl", "10s", "catalog.watch.consumer-report-interval", "100ms"));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /** A long poll that answers at once: {@code since} is below the node's revision. */
    private static HttpResponse<String> poll(String consumer, String token, long since) throws Exception {
        return HTTP.send(pollRequest(consumer, token, since), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest pollRequest(String consumer, String token, long since) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(node.baseUrl() + "/api/v1/watch?since=" + since + "&wait=5s"))
                .header("Accept", "application/json")
                .header("X-Catalog-Consumer", consumer);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    private static JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(node.baseUrl() + pathAndQuery))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("http_status", response.statusCode());
        return body;
    }

    private static long write() {
        String name = "c-" + UUID.randomUUID().toString().substring(0, 8);
        return node.bean(CatalogEditor.class)
                .create(ToolDrafts.plain(name, "d").author("it").build(), Actor.of("it"))
                .revision();
    }

    /** Everything this cluster keeps in Redis about consumers, counted as entries (hash fields, set members, keys). */
    private static long storedConsumerItems() {
        StringRedisTemplate redis = node.bean(StringRedisTemplate.class);
        long items = 0;
        try (var keys = redis.scan(ScanOptions.scanOptions()
                .match("*" + CLUSTER + ":consumers*")
                .count(1000)
                .build())) {
            while (keys.hasNext()) {
                String key = keys.next();
                DataType type = redis.type(key);
                items += type == DataType.HASH
                        ? redis.opsForHash().size(key)
                        : type == DataType.ZSET ? redis.opsForZSet().zCard(key) : 1;
            }
        }
        return items;
    }

    @Test
    void entriesExpireOneByOneWhileAnotherConsumerKeepsReporting() throws Exception {
        long since = write() - 1;
        List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            burst.add(HTTP.sendAsync(pollRequest("burst-" + i, null, since), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> reply : burst) {
            assertThat(reply.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(8)).until(() -> storedConsumerItems() >= 100);

        // one consumer keeps coming back; nobody lists the consumers
        await().atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    poll("steady", null, since);
                    return storedConsumerItems() <= 5;
                });
    }

    @Test
    void anAnonymousWatchCannotMoveTheDeliveredRevisionOfAnAuthenticatedConsumer() throws Exception {
        String id = "owned-" + UUID.randomUUID().toString().substring(0, 8);
        long before = write();
        assertThat(poll(id, TestNodes.READER_TOKEN, before - 1).statusCode()).isEqualTo(200);
        long after = write();

        assertThat(poll(id, null, before).statusCode())
                .as("the watch itself is served")
                .isEqualTo(200);

        // the entry keeps the authenticated consumer's position (and so its lag), not the anonymous one's
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonNode entry = consumer(id);
            assertThat(entry).isNotNull();
            assertThat(entry.path("delivered_revision").asLong()).isEqualTo(before);
            assertThat(entry.path("lag").asLong()).isGreaterThanOrEqualTo(after - before);
        });
    }

    private static JsonNode consumer(String id) throws Exception {
        String cursor = null;
        do {
            JsonNode page = get("/api/v1/cluster/consumers?limit=500" + (cursor == null ? "" : "&cursor=" + cursor));
            for (JsonNode c : page.path("consumers")) {
                if (c.path("consumer_id").asText().equals(id)) {
                    return c;
                }
            }
            cursor = page.path("next_cursor").isTextual()
                    ? page.path("next_cursor").asText()
                    : null;
        } while (cursor != null);
        return null;
    }

    @Test
    void listsInBoundedPagesThatFollowTheCursor() throws Exception {
        String prefix = "page-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        long since = write() - 1;
        for (int i = 0; i < 7; i++) {
            assertThat(poll(prefix + i, null, since).statusCode()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<String> seen = new ArrayList<>();
            List<JsonNode> pagesRead = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                JsonNode page = get("/api/v1/cluster/consumers?limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
                pagesRead.add(page);
                assertThat(page.path("consumers").size()).isLessThanOrEqualTo(3);
                page.path("consumers")
                        .forEach(c -> seen.add(c.path("consumer_id").asText()));
                cursor = page.path("next_cursor").isTextual()
                        ? page.path("next_cursor").asText()
                        : null;
                pages++;
            } while (cursor != null && pages < 100);
            assertThat(seen.stream().filter(s -> s.startsWith(prefix)).toList())
                    .as(pagesRead.toString())
                    .containsExactly(
                            prefix + 0, prefix + 1, prefix + 2, prefix + 3, prefix + 4, prefix + 5, prefix + 6);
            assertThat(Set.copyOf(seen)).hasSameSizeAs(seen);
        });
    }

    @Test
    void refusesALimitOutsideItsBoundsAndACursorItDidNotGive() throws Exception {
        for (String query : List.of("limit=0", "limit=501", "limit=x", "cursor=%3Cscript%3E")) {
            JsonNode reply = get("/api/v1/cluster/consumers?" + query);
            assertThat(reply.path("http_status").asInt()).as(query).isEqualTo(400);
            assertThat(reply.path("field").asText()).as(query).isEqualTo(query.substring(0, query.indexOf('=')));
        }
    }
}
