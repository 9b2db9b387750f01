package io.toolcatalog.node.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.store.ChangeLog;
import io.toolcatalog.core.testing.ToolDrafts;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.tool.ToolDraft;
import io.toolcatalog.core.write.CatalogEditor;
import io.toolcatalog.node.testing.TestCluster;
import io.toolcatalog.node.testing.TestNodes.Node;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The watch stream on a real three-node cluster (one PostgreSQL schema, one Redis prefix): events
 * chain and equal the database at every revision, resume on another node, fall back to the change
 * log and to a snapshot, filter, long-poll, list consumers cluster-wide, and end when a node stops.
 * Heartbeats every second: a closed client is noticed at the next heartbeat it cannot take.
 */
class WatchClusterIT {

    private static final Actor ACTOR = Actor.of("watch-it");
    private static final Duration WITHIN = Duration.ofSeconds(10);
    /** Few transitions in memory, so a short gap already needs the change log. */
    private static final Map<String, String> SETTINGS = Map.of(
            "catalog.watch.recent-transitions", "8",
            "catalog.watch.heartbeat", "1s",
            "catalog.watch.consumer-ttl", "2s",
            "catalog.watch.consumer-report-interval", "200ms");

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static TestCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = TestCluster.start("node", 3, SETTINGS);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    private static Node node(int number) {
        return cluster.node(number);
    }

    private static JdbcTemplate jdbc() {
        return node(1).bean(JdbcTemplate.class);
    }

    private static CatalogEditor editor(int node) {
        return node(node).bean(CatalogEditor.class);
    }

    private static long databaseRevision() {
        return node(1).bean(ChangeLog.class).currentRevision();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A few mutations of every kind through {@code node}'s editor; returns the last revision. */
    private static long mutate(int node, String prefix, int count) {
        CatalogEditor editor = editor(node);
        long revision = 0;
        for (int i = 0; i < count; i++) {
            String name = prefix + "-" + (i % 4);
            boolean exists =
                    node(node).bean(CatalogReloader.class).snapshot().tool(name).isPresent();
            revision = switch (exists ? i % 3 : 3) {
                case 0 ->
                    editor.update(
                                    name,
                                    ToolDrafts.patch()
                                            .description("v" + i)
                                            .author("watch-it")
                                            .build(),
                                    null,
                                    ACTOR)
                            .revision();
                case 1 -> editor.setEnabled(name, i % 2 == 0, null, ACTOR).revision();
                case 2 -> editor.delete(name, null, ACTOR);
                default -> editor.create(watchTool(name, "created " + i), ACTOR).revision();
            };
        }
        return revision;
    }

    /** Reads events into {@code replica}, checking each against the database, until {@code revision}. */
    private static void follow(EventStream stream, Replica replica, long revision, Set<String> filter) {
        while (replica.revision() < revision) {
            EventStream.ReceivedEvent event = stream.nextContent(WITHIN);
            assertThat(event)
                    .as("an event past revision %s", replica.revision())
                    .isNotNull();
            replica.apply(event);
            Map<String, Integer> truth = Replica.databaseAt(jdbc(), replica.revision());
            if (filter != null) {
                truth.keySet().retainAll(filter);
            }
            assertThat(replica.versions())
                    .as("state at revision %s", replica.revision())
                    .isEqualTo(truth);
        }
        assertThat(replica.revision()).isEqualTo(revision);
    }

    private static HttpResponse<String> get(Node node, String path, String accept) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(node.baseUrl() + path))
                        .header("Accept", accept)
                        .timeout(Duration.ofSeconds(90))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyEventChainsAndEqualsTheDatabaseAtItsRevision() throws Exception {
        mutate(1, unique("before"), 5);
        try (EventStream fromSnapshot = EventStream.open(node(2).baseUrl(), "");
                EventStream fromZero = EventStream.open(node(3).baseUrl(), "?since=0")) {
            assertThat(fromSnapshot.status()).isEqualTo(200);
            assertThat(fromSnapshot.response().headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
            ExecutorService writers = Executors.newFixedThreadPool(3);
            List<Future<Long>> done = new ArrayList<>();
            for (int n = 1; n <= 3; n++) {
                int writer = n;
                String prefix = unique("chain" + n);
                done.add(writers.submit(() -> mutate(writer, prefix, 40)));
            }
            for (Future<Long> f : done) {
                f.get();
            }
            writers.shutdown();
            long last = databaseRevision();
            Replica a = new Replica();
            Replica b = Replica.empty();
            follow(fromSnapshot, a, last, null);
            follow(fromZero, b, last, null);
            assertThat(a.versions()).isEqualTo(Replica.databaseAt(jdbc(), last));
            assertThat(b.versions()).isEqualTo(a.versions());
        }
    }

    @Test
    void resumesOnAnotherNodeFromTheLastEventId() {
        String prefix = unique("resume");
        Replica replica = new Replica();
        long first = mutate(1, prefix, 6);
        String lastId;
        try (EventStream stream = EventStream.open(node(1).baseUrl(), "")) {
            follow(stream, replica, first, null);
            lastId = String.valueOf(replica.revision());
        }
        long next = mutate(2, prefix, 6);
        try (EventStream stream = EventStream.open(node(3).baseUrl(), "", Map.of("Last-Event-ID", lastId))) {
            EventStream.ReceivedEvent event = stream.nextContent(WITHIN);
            assertThat(event.type()).isEqualTo("change");
            assertThat(event.data().path("from_revision").asLong()).isEqualTo(Long.parseLong(lastId));
            replica.apply(event);
            follow(stream, replica, next, null);
        }
    }

    @Test
    void servesAGapBeyondTheNodesMemoryFromTheChangeLog() {
        long since = databaseRevision();
        long last = mutate(1, unique("gap"), 20); // more steps than the 8 kept in memory
        await().atMost(WITHIN).until(() -> node(2).bean(CatalogReloader.class).applied() >= last);
        Replica replica = new Replica();
        replica.apply(new EventStream.ReceivedEvent("snapshot", String.valueOf(since), snapshotAt(since)));
        try (EventStream stream = EventStream.open(node(2).baseUrl(), "?since=" + since)) {
            EventStream.ReceivedEvent event = stream.nextContent(WITHIN);
            assertThat(event.type()).isEqualTo("change");
            assertThat(event.data().path("from_revision").asLong()).isEqualTo(since);
            assertThat(event.data().path("revision").asLong()).isEqualTo(last);
            assertThat(event.data().path("operation").asText()).isNotEmpty();
            assertThat(event.data().path("reload_id").asText()).isNotEmpty();
            assertThat(event.data().path("committed_at").asText()).isNotEmpty();
            replica.apply(event);
            assertThat(replica.versions()).isEqualTo(Replica.databaseAt(jdbc(), last));
        }
    }

    @Test
    void startsOverWithASnapshotWhenTheChangeLogNoLongerCoversTheStart() {
        long since = databaseRevision();
        long last = mutate(1, unique("pruned"), 20);
        node(1).bean(ChangeLog.class).pruneBefore(Instant.now().plusSeconds(60));
        await().atMost(WITHIN).until(() -> node(3).bean(CatalogReloader.class).applied() >= last);
        try (EventStream stream = EventStream.open(node(3).baseUrl(), "?since=" + since)) {
            EventStream.ReceivedEvent event = stream.nextContent(WITHIN);
            assertThat(event.type()).isEqualTo("snapshot");
            assertThat(event.id()).isEqualTo(String.valueOf(last));
            Replica replica = new Replica();
            replica.apply(event);
            assertThat(replica.versions()).isEqualTo(Replica.databaseAt(jdbc(), last));
        }
    }

    @Test
    void theToolFilterKeepsTheChainButOnlyTheFilteredTools() {
        String watched = unique("watched");
        String other = unique("other");
        long created = editor(1).create(watchTool(watched, "one"), ACTOR).revision();
        await().atMost(WITHIN).until(() -> node(2).bean(CatalogReloader.class).applied() >= created);
        try (EventStream stream = EventStream.open(node(2).baseUrl(), "?tool=" + watched)) {
            EventStream.ReceivedEvent snapshot = stream.nextContent(WITHIN);
            assertThat(snapshot.type()).isEqualTo("snapshot");
            assertThat(snapshot.data().path("tools")).hasSize(1);
            Replica replica = new Replica();
            replica.apply(snapshot);
            editor(1).create(watchTool(other, "two"), ACTOR);
            editor(3)
                    .update(
                            watched,
                            ToolDrafts.patch().description("three").author("it").build(),
                            null,
                            ACTOR);
            long last = editor(1).delete(other, null, ACTOR);
            List<JsonNode> seen = new ArrayList<>();
            while (replica.revision() < last) {
                EventStream.ReceivedEvent event = stream.nextContent(WITHIN);
                replica.apply(event);
                seen.add(event.data());
                Map<String, Integer> truth = Replica.databaseAt(jdbc(), replica.revision());
                truth.keySet().retainAll(Set.of(watched));
                assertThat(replica.versions()).isEqualTo(truth);
            }
            assertThat(seen).allSatisfy(data -> {
                data.path("changed")
                        .forEach(t -> assertThat(t.path("name").asText()).isEqualTo(watched));
                assertThat(data.path("removed")).isEmpty();
            });
            assertThat(seen).anySatisfy(data -> assertThat(data.path("changed")).isEmpty());
        }
    }

    @Test
    void aLongPollAnswers204WhenNothingChangesWithinItsWait() throws Exception {
        long now = databaseRevision();
        await().atMost(WITHIN).until(() -> node(2).bean(CatalogReloader.class).applied() >= now);
        HttpResponse<String> response = get(node(2), "/api/v1/watch?since=" + now + "&wait=1s", "application/json");
        assertThat(response.statusCode()).isEqualTo(204);
    }

    @Test
    void aLongPollAnswersWithTheChangeAsSoonAsTheRevisionPasses() throws Exception {
        long now = databaseRevision();
        await().atMost(WITHIN).until(() -> node(3).bean(CatalogReloader.class).applied() >= now);
        CompletableFuture<HttpResponse<String>> poll = HTTP.sendAsync(
                HttpRequest.newBuilder(URI.create(node(3).baseUrl() + "/api/v1/watch?since=" + now + "&wait=30s"))
                        .header("Accept", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String name = unique("polled");
        long revision = editor(1).create(watchTool(name, "polled"), ACTOR).revision();
        HttpResponse<String> response = poll.get(WITHIN.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = EventStream.JSON.readTree(response.body());
        assertThat(body.path("type").asText()).isEqualTo("change");
        assertThat(body.path("from_revision").asLong()).isEqualTo(now);
        assertThat(body.path("revision").asLong()).isGreaterThanOrEqualTo(revision);
        assertThat(body.path("changed").findValuesAsText("name")).contains(name);
    }

    @Test
    void aStartPointTheDatabaseNeverReachedIs409AndAMalformedOneIs400() throws Exception {
        HttpResponse<String> ahead =
                get(node(1), "/api/v1/watch?since=" + (databaseRevision() + 1000), "text/event-stream");
        assertThat(ahead.statusCode()).isEqualTo(409);
        assertThat(ahead.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        HttpResponse<String> bad = get(node(1), "/api/v1/watch?since=abc", "text/event-stream");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(EventStream.JSON.readTree(bad.body()).path("field").asText()).isEqualTo("since");
        HttpResponse<String> badTool = get(node(1), "/api/v1/watch?tool=Not%20A%20Name", "application/json");
        assertThat(badTool.statusCode()).isEqualTo(400);
        assertThat(EventStream.JSON.readTree(badTool.body()).path("field").asText())
                .isEqualTo("tool");
    }

    @Test
    void consumersAreListedClusterWideAndExpireWhenGone() throws Exception {
        String alpha = unique("pipeline-alpha");
        String beta = unique("pipeline-beta");
        try (EventStream a = EventStream.open(node(2).baseUrl(), "", Map.of("X-Catalog-Consumer", alpha));
                EventStream b = EventStream.open(node(3).baseUrl(), "", Map.of("X-Catalog-Consumer", beta))) {
            assertThat(a.nextContent(WITHIN)).isNotNull();
            assertThat(b.nextContent(WITHIN)).isNotNull();
            await().atMost(WITHIN).untilAsserted(() -> {
                Map<String, JsonNode> listed = consumers(node(1));
                assertThat(listed).containsKeys(alpha, beta);
                assertThat(listed.get(alpha).path("node_id").asText()).isEqualTo("node-2");
                assertThat(listed.get(beta).path("node_id").asText()).isEqualTo("node-3");
                long applied = node(1).bean(CatalogReloader.class).applied();
                assertThat(listed.get(alpha).path("delivered_revision").asLong())
                        .isEqualTo(applied);
                assertThat(listed.get(alpha).path("lag").asLong()).isZero();
                assertThat(listed.get(alpha).path("connected_since").asText()).isNotEmpty();
                assertThat(listed.get(alpha).path("last_seen").asText()).isNotEmpty();
            });
        }
        await().atMost(WITHIN)
                .untilAsserted(() -> assertThat(consumers(node(1))).doesNotContainKeys(alpha, beta));
    }

    private static Map<String, JsonNode> consumers(Node node) throws Exception {
        HttpResponse<String> response = get(node, "/api/v1/cluster/consumers", "application/json");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = EventStream.JSON.readTree(response.body());
        assertThat(body.path("source").asText()).isEqualTo("cluster");
        Map<String, JsonNode> byId = new TreeMap<>();
        body.path("consumers").forEach(c -> byId.put(c.path("consumer_id").asText(), c));
        return byId;
    }

    @Test
    void aStoppingNodeEndsItsStreamsAtOnce() {
        Node doomed = cluster.startNode("node-doomed", Map.of());
        try (EventStream stream = EventStream.open(doomed.baseUrl(), "")) {
            assertThat(stream.nextContent(WITHIN)).isNotNull();
            long start = System.nanoTime();
            Thread stopper = new Thread(doomed::close);
            stopper.start();
            await().atMost(Duration.ofSeconds(5)).until(stream::ended);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        } finally {
            doomed.close();
        }
    }

    /** The catalog at {@code revision} in the shape of a snapshot event's data. */
    private static JsonNode snapshotAt(long revision) {
        var data = EventStream.JSON.createObjectNode().put("revision", revision);
        var tools = data.putArray("tools");
        Replica.databaseAt(jdbc(), revision)
                .forEach((name, version) -> tools.addObject().put("name", name).put("version", version));
        return data;
    }

    /** A tool as the watch tests write it. */
    private static ToolDraft watchTool(String name, String description) {
        return ToolDrafts.tool(name, description)
                .tags("watch")
                .author("watch-it")
                .build();
    }
}
