package io.toolcatalog.node.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.toolcatalog.api.watch.WatchMetrics;
import io.toolcatalog.client.CatalogClient;
import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.testing.ToolDrafts;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.write.CatalogEditor;
import io.toolcatalog.node.testing.TestNodes;
import io.toolcatalog.node.testing.TestNodes.Node;
import io.toolcatalog.testsupport.Ports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The watch port ({@code catalog.watch.port}) serves the watch as the main port does: the same
 * events byte for byte (ids and payloads, a reset included), the same resume, the same token check
 * and connection bound; and the Java client follows it.
 */
class WatchPortIT {

    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Map<String, String> READER = Map.of("Authorization", "Bearer " + TestNodes.READER_TOKEN);
    private static final Actor ACTOR = Actor.of("watch-port-it");

    private static Node node;
    private static String watchPort;

    @BeforeAll
    static void start() {
        int port = Ports.free();
        watchPort = "http://127.0.0.1:" + port;
        node = TestNodes.alone(
                "watch-port-1",
                Map.of(
                        "catalog.watch.port", String.valueOf(port),
                        "catalog.watch.max-connections", "3",
                        "catalog.watch.heartbeat", "1s",
                        "catalog.security.reads-require-token", "true"));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @BeforeEach
    void noStreamLeftOpen() {
        await().atMost(WITHIN)
                .until(() -> metrics().openStreams() == 0 && metrics().waitingPolls() == 0);
    }

    private static WatchMetrics metrics() {
        return node.bean(WatchMetrics.class);
    }

    @Test
    void servesTheSameEventsAsTheMainPortAndResumesTheSameWay() throws Exception {
        CatalogEditor editor = node.bean(CatalogEditor.class);
        editor.create(ToolDrafts.tool("same-a", "a0").author("it").build(), ACTOR);
        long first = editor.create(ToolDrafts.tool("same-b", "b0").author("it").build(), ACTOR)
                .revision();
        awaitApplied(first);
        List<Long> revisions = new ArrayList<>();
        try (EventStream servlet = EventStream.open(node.baseUrl(), "", READER);
                EventStream netty = EventStream.open(watchPort, "", READER)) {
            assertThat(netty.status()).isEqualTo(200);
            assertThat(netty.response().headers().firstValue("Content-Type"))
                    .hasValue("text/event-stream;charset=UTF-8");
            revisions.add(sameNext(servlet, netty, "snapshot").revision());
            write(() -> editor.update(
                            "same-a",
                            ToolDrafts.patch().description("a1").author("it").build(),
                            null,
                            ACTOR)
                    .revision());
            revisions.add(sameNext(servlet, netty, "change").revision());
            write(() -> editor.create(
                            ToolDrafts.tool("same-c", "c0").author("it").build(), ACTOR)
                    .revision());
            revisions.add(sameNext(servlet, netty, "change").revision());
            long deleted = write(() -> editor.delete("same-b", null, ACTOR));
            EventStream.ReceivedEvent removal = sameNext(servlet, netty, "change");
            assertThat(removal.data().path("removed").get(0).asText()).isEqualTo("same-b");
            revisions.add(removal.revision());

            // new content at the revision both hold: a reset, sent as a snapshot with the same id
            assertThat(node.bean(JdbcTemplate.class)
                            .update("UPDATE tools SET description = 'hand' WHERE name = 'same-a'"))
                    .isEqualTo(1);
            assertThat(post("/api/v1/tools/reload?triggered_by=it").statusCode())
                    .isEqualTo(200);
            EventStream.ReceivedEvent reset = sameNext(servlet, netty, "snapshot");
            assertThat(reset.revision()).isEqualTo(deleted);
            assertThat(reset.id()).isEqualTo(String.valueOf(deleted));
            write(() -> editor.update(
                            "same-c",
                            ToolDrafts.patch().description("c1").author("it").build(),
                            null,
                            ACTOR)
                    .revision());
            sameNext(servlet, netty, "change");
        }
        // resuming from an event in the middle: the same change from there on both ports
        String middle = String.valueOf(revisions.get(1));
        try (EventStream servlet = EventStream.open(node.baseUrl(), "", headers("Last-Event-ID", middle));
                EventStream netty = EventStream.open(watchPort, "", headers("Last-Event-ID", middle))) {
            EventStream.ReceivedEvent resumed = sameNext(servlet, netty, "change");
            assertThat(resumed.data().path("from_revision").asLong()).isEqualTo(revisions.get(1));
        }
        // and the long poll's answer is the same JSON (the streams above give their slots back once
        // the node has seen them close, the servlet side only at its next write: until then a poll
        // may be refused with 503)
        HttpResponse<String> polledServlet = pollAdmitted(node.baseUrl(), revisions.get(1));
        HttpResponse<String> polledNetty = pollAdmitted(watchPort, revisions.get(1));
        assertThat(polledServlet.statusCode()).isEqualTo(200);
        assertThat(polledNetty.statusCode()).isEqualTo(200);
        assertThat(EventStream.JSON.readTree(polledNetty.body()))
                .isEqualTo(EventStream.JSON.readTree(polledServlet.body()));
    }

    @Test
    void refusesACallerWithoutAValidTokenAsTheMainPortDoes() throws Exception {
        for (Map<String, String> headers : List.of(Map.<String, String>of(), headers("Authorization", "Bearer nope"))) {
            try (EventStream refused = EventStream.open(watchPort, "", headers)) {
                assertThat(refused.status()).isEqualTo(401);
                assertThat(refused.response().headers().firstValue("Content-Type"))
                        .hasValue("application/problem+json");
                assertThat(refused.response().headers().firstValue("WWW-Authenticate"))
                        .hasValue("Bearer");
            }
        }
        try (EventStream badSince = EventStream.open(watchPort, "?since=abc", READER)) {
            assertThat(badSince.status()).isEqualTo(400);
            assertThat(EventStream.JSON
                            .readTree(badSince.response().body())
                            .path("field")
                            .asText())
                    .isEqualTo("since");
        }
        assertThat(metrics().openStreams()).isZero();
    }

    @Test
    void sharesTheNodesConnectionBoundWithTheMainPort() {
        try (EventStream one = EventStream.open(node.baseUrl(), "", READER);
                EventStream two = EventStream.open(watchPort, "", READER);
                EventStream three = EventStream.open(watchPort, "", READER)) {
            assertThat(List.of(one.status(), two.status(), three.status())).containsOnly(200);
            try (EventStream four = EventStream.open(watchPort, "", READER)) {
                assertThat(four.status()).isEqualTo(503);
                assertThat(four.response().headers().firstValue("Retry-After")).isPresent();
                assertThat(four.response().headers().firstValue("Content-Type")).hasValue("application/problem+json");
            }
        }
        await().atMost(WITHIN).until(() -> metrics().openStreams() == 0);
        try (EventStream again = EventStream.open(watchPort, "", READER)) {
            assertThat(again.status()).isEqualTo(200);
        }
    }

    @Test
    void theJavaClientFollowsTheWatchPort() throws Exception {
        CatalogEditor editor = node.bean(CatalogEditor.class);
        long created = editor.create(
                        ToolDrafts.tool("client-a", "v0").author("it").build(), ACTOR)
                .revision();
        awaitApplied(created);
        try (CatalogClient client = CatalogClient.builder()
                .endpoints(URI.create(watchPort))
                .token(TestNodes.READER_TOKEN)
                .consumerId("watch-port-it")
                .build()) {
            client.start();
            assertThat(client.awaitRevision(created, WITHIN)).isTrue();
            long updated = editor.update(
                            "client-a",
                            ToolDrafts.patch().description("v1").author("it").build(),
                            null,
                            ACTOR)
                    .revision();
            assertThat(client.awaitRevision(updated, WITHIN)).isTrue();
            assertThat(client.tool("client-a").orElseThrow().description()).isEqualTo("v1");
        }
    }

    /** The next content event of both streams: equal in type, id and data. */
    private static EventStream.ReceivedEvent sameNext(EventStream servlet, EventStream netty, String type) {
        EventStream.ReceivedEvent fromServlet = servlet.nextContent(WITHIN);
        EventStream.ReceivedEvent fromNetty = netty.nextContent(WITHIN);
        assertThat(fromServlet).as("the main port's event").isNotNull();
        assertThat(fromServlet.type()).isEqualTo(type);
        assertThat(fromNetty).as("the watch port's event").isEqualTo(fromServlet);
        return fromNetty;
    }

    private interface Write {
        long revision() throws Exception;
    }

    private static long write(Write write) throws Exception {
        long revision = write.revision();
        awaitApplied(revision);
        return revision;
    }

    private static void awaitApplied(long revision) {
        await().atMost(WITHIN).until(() -> node.bean(CatalogReloader.class).applied() >= revision);
    }

    private static Map<String, String> headers(String name, String value) {
        Map<String, String> headers = new HashMap<>(READER);
        headers.put(name, value);
        return headers;
    }

    /** A long poll from {@code since}, asked again while the node has no slot free for it. */
    private static HttpResponse<String> pollAdmitted(String base, long since) {
        return await().atMost(Duration.ofSeconds(10))
                .until(() -> longPoll(base, since), reply -> reply.statusCode() != 503);
    }

    private static HttpResponse<String> longPoll(String base, long since) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/watch?since=" + since + "&wait=10s"))
                        .header("Accept", "application/json")
                        .header("Authorization", "Bearer " + TestNodes.READER_TOKEN)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(node.baseUrl() + path))
                        .header("Authorization", "Bearer " + TestNodes.ADMIN_TOKEN)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
