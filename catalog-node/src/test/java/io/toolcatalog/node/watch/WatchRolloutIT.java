package io.toolcatalog.node.watch;

import static io.toolcatalog.node.watch.ViewWatcher.as;
import static io.toolcatalog.node.watch.ViewWatcher.descriptionIn;
import static io.toolcatalog.node.watch.ViewWatcher.longPoll;
import static io.toolcatalog.node.watch.ViewWatcher.polled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolcatalog.core.changerequest.ChangeRequestCore;
import io.toolcatalog.core.changerequest.Participant;
import io.toolcatalog.core.cohort.ActiveRollout;
import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.rollout.AbortRule;
import io.toolcatalog.core.rollout.Rollout;
import io.toolcatalog.core.rollout.RolloutPlan;
import io.toolcatalog.core.rollout.RolloutStep;
import io.toolcatalog.core.rollout.Rollouts;
import io.toolcatalog.core.store.ChangeLog;
import io.toolcatalog.core.testing.ToolDrafts;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.write.CatalogEditor;
import io.toolcatalog.core.write.StagedEdit;
import io.toolcatalog.node.testing.TestCluster;
import io.toolcatalog.node.testing.TestNodes.Node;
import io.toolcatalog.testsupport.Ports;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The watch stream answers each consumer in its view of a rollout, on two nodes, on the main port,
 * the watch port and the long poll: a consumer in the cohort gets a change with the candidate at
 * the start's revision, one outside it an empty change (the chain holds), a step that widens the
 * cohort reaches the consumer it adds at that step's revision, an abort gives the cohort the stable
 * tool back, a completion gives everybody the candidate, and a consumer resuming from before the
 * start gets the candidate whether the node answers from memory or from the change log.
 */
class WatchRolloutIT {

    private static final Duration WITHIN = ViewWatcher.WITHIN;
    private static final Actor ACTOR = Actor.of("watch-rollout-it");
    private static final Participant EDITOR = new Participant("watch-rollout-it", false, false);
    private static final Map<String, String> EU = Map.of("region", "eu");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static TestCluster cluster;
    private static String watchPort;

    @BeforeAll
    static void startCluster() {
        cluster = TestCluster.start("rollout-watch", 1, Map.of("catalog.watch.heartbeat", "1s"));
        int port = Ports.free();
        watchPort = "http://127.0.0.1:" + port;
        // node 2 keeps one transition in memory: a start point further back needs the change log
        cluster.add(
                "rollout-watch-2",
                Map.of("catalog.watch.port", String.valueOf(port), "catalog.watch.recent-transitions", "1"));
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    private static Node node(int number) {
        return cluster.node(number);
    }

    private static CatalogEditor editor() {
        return node(1).bean(CatalogEditor.class);
    }

    private static Rollouts rollouts() {
        return node(1).bean(Rollouts.class);
    }

    private static long databaseRevision() {
        return node(1).bean(ChangeLog.class).currentRevision();
    }

    private static void awaitApplied(long revision) {
        await().atMost(WITHIN).until(() -> cluster.nodes().stream()
                .allMatch(n -> n.bean(CatalogReloader.class).snapshot().revision() >= revision));
    }

    /** The id the next rollout gets (the sequence's next value, read without taking it). */
    private static long nextRolloutId() {
        return node(1).bean(JdbcTemplate.class)
                .queryForObject(
                        "SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM rollouts_id_seq",
                        Long.class);
    }

    /** A consumer id whose bucket in rollout {@code rollout} passes {@code bucket}. */
    private static String consumer(String prefix, long rollout, IntPredicate bucket) {
        return IntStream.range(0, 100_000)
                .mapToObj(i -> prefix + "-" + i)
                .filter(id -> bucket.test(ActiveRollout.bucket(rollout, id)))
                .findFirst()
                .orElseThrow();
    }

    /** Opens a change request that sets {@code name}'s description to {@code description}; its id. */
    private static long changeRequest(String name, String description) {
        StagedEdit edit = new StagedEdit(
                name,
                StagedEdit.Action.UPSERT,
                ToolDrafts.patch().description(description).author("it").build(),
                null);
        return node(1).bean(ChangeRequestCore.class)
                .requests()
                .open("watch " + name, "test", List.of(edit), EDITOR)
                .id();
    }

    private static RolloutPlan plan(Map<String, String> labels, double... percents) {
        List<RolloutStep> steps = new ArrayList<>();
        for (double percent : percents) {
            steps.add(new RolloutStep(percent, Duration.ZERO));
        }
        return new RolloutPlan(steps, labels, new AbortRule(0.05, 100, Duration.ofMinutes(5)), false);
    }

    @Test
    void eachConsumerFollowsItsViewThroughStartStepAndAbort() throws Exception {
        String grep = "rw-grep";
        String find = "rw-find";
        editor().create(ToolDrafts.tool(grep, "stable").author("it").build(), ACTOR);
        long r0 = editor().create(ToolDrafts.tool(find, "find 1").author("it").build(), ACTOR)
                .revision();
        awaitApplied(r0);
        long rollout = nextRolloutId();
        // steps 10 %, 40 %, 70 %: in from the start, entering at the second step, never in
        String in = consumer("c-in", rollout, b -> b < 1000);
        String mid = consumer("c-mid", rollout, b -> b >= 1000 && b < 4000);
        String out = consumer("c-out", rollout, b -> b >= 7000);
        String elsewhere = consumer("c-us", rollout, b -> b < 1000); // in the bucket, not in the labels

        List<ViewWatcher> all = new ArrayList<>();
        ViewWatcher inMain = ViewWatcher.open("c-in on node 1", node(1).baseUrl(), "", as(in, "region=eu,stage=b"));
        ViewWatcher inPort = ViewWatcher.open("c-in on the watch port", watchPort, "", as(in, "region=eu,stage=b"));
        ViewWatcher midMain = ViewWatcher.open("c-mid on node 2", node(2).baseUrl(), "", as(mid, "region=eu"));
        ViewWatcher outMain = ViewWatcher.open("c-out on node 2", node(2).baseUrl(), "", as(out, "region=eu"));
        ViewWatcher usMain = ViewWatcher.open("c-us on node 1", node(1).baseUrl(), "", as(elsewhere, "region=us"));
        ViewWatcher anonymous = ViewWatcher.open("anonymous on the watch port", watchPort, "", Map.of());
        all.addAll(List.of(inMain, inPort, midMain, outMain, usMain, anonymous));
        try {
            for (ViewWatcher w : all) {
                assertThat(w.next().type()).isEqualTo("snapshot");
                assertThat(w.description(grep)).isEqualTo("stable");
            }
            CompletableFuture<HttpResponse<String>> pollMain = longPoll(node(2).baseUrl(), r0, as(in, "region=eu"));
            CompletableFuture<HttpResponse<String>> pollPort = longPoll(watchPort, r0, as(in, "region=eu"));
            CompletableFuture<HttpResponse<String>> pollOut = longPoll(watchPort, r0, as(out, "region=eu"));

            // the start: the cohort gets the candidate at the start's revision, everyone else an empty change
            Rollout started = rollouts().start(changeRequest(grep, "candidate"), plan(EU, 10, 40, 70), EDITOR);
            assertThat(started.id()).isEqualTo(rollout);
            long r1 = started.revision();
            for (ViewWatcher w : List.of(inMain, inPort)) {
                w.nextChange(r1, grep);
                assertThat(w.description(grep)).isEqualTo("candidate");
            }
            for (ViewWatcher w : List.of(midMain, outMain, usMain, anonymous)) {
                w.nextChange(r1);
                assertThat(w.description(grep)).isEqualTo("stable");
            }
            for (CompletableFuture<HttpResponse<String>> poll : List.of(pollMain, pollPort)) {
                JsonNode answer = polled(poll);
                assertThat(answer.path("type").asText()).isEqualTo("change");
                assertThat(answer.path("from_revision").asLong()).isEqualTo(r0);
                assertThat(answer.path("revision").asLong()).isEqualTo(r1);
                assertThat(descriptionIn(answer, grep)).isEqualTo("candidate");
            }
            JsonNode outAnswer = polled(pollOut);
            assertThat(outAnswer.path("revision").asLong()).isEqualTo(r1);
            assertThat(outAnswer.path("changed")).isEmpty();

            // a step that widens the cohort reaches the consumer it adds, at that step's revision
            long r2 = rollouts().advance(rollout, EDITOR).revision();
            midMain.nextChange(r2, grep);
            assertThat(midMain.description(grep)).isEqualTo("candidate");
            for (ViewWatcher w : List.of(inMain, inPort, outMain, usMain, anonymous)) {
                w.nextChange(r2);
            }

            // another tool changes for every view alike
            long r3 = editor().update(
                            find,
                            ToolDrafts.patch()
                                    .description("find 2")
                                    .author("it")
                                    .build(),
                            null,
                            ACTOR)
                    .revision();
            for (ViewWatcher w : all) {
                w.nextChange(r3, find);
                assertThat(w.description(find)).isEqualTo("find 2");
            }
            awaitApplied(r3);

            // resuming from before the start: from memory (node 1), from the change log (node 2), in
            // the consumer's view either way
            for (String base : List.of(node(1).baseUrl(), node(2).baseUrl(), watchPort)) {
                try (EventStream resumed = EventStream.open(base, "?since=" + r0, as(in, "region=eu"))) {
                    EventStream.ReceivedEvent event = resumed.nextContent(WITHIN);
                    assertThat(event).as(base).isNotNull();
                    assertThat(event.revision()).isEqualTo(r3);
                    if (event.type().equals("change")) {
                        assertThat(event.data().path("from_revision").asLong()).isEqualTo(r0);
                        assertThat(descriptionIn(event.data(), grep)).as(base).isEqualTo("candidate");
                        assertThat(descriptionIn(event.data(), find)).as(base).isEqualTo("find 2");
                    } else {
                        assertThat(event.data().path("tools").findValuesAsText("description"))
                                .contains("candidate", "find 2");
                    }
                }
                try (EventStream resumed = EventStream.open(base, "?since=" + r0, as(out, "region=eu"))) {
                    EventStream.ReceivedEvent event = resumed.nextContent(WITHIN);
                    assertThat(event.revision()).isEqualTo(r3);
                    assertThat(descriptionIn(event.data(), grep)).as(base).isNotEqualTo("candidate");
                }
            }

            // the abort gives the cohort the stable tool back
            long r4 =
                    rollouts().abort(rollout, "watch-rollout-it", "test abort").revision();
            for (ViewWatcher w : List.of(inMain, inPort, midMain)) {
                w.nextChange(r4, grep);
                assertThat(w.description(grep)).isEqualTo("stable");
            }
            for (ViewWatcher w : List.of(outMain, usMain, anonymous)) {
                w.nextChange(r4);
                assertThat(w.description(grep)).isEqualTo("stable");
            }
            Map<String, Integer> database = Replica.databaseAt(node(1).bean(JdbcTemplate.class), r4);
            for (ViewWatcher w : all) {
                assertThat(w.replica().versions()).as(w.name()).isEqualTo(database);
            }
        } finally {
            all.forEach(ViewWatcher::close);
        }
    }

    @Test
    void aCompletionLeavesEverybodyWithTheCandidate() throws Exception {
        String tool = "rw-complete";
        long r0 = editor().create(ToolDrafts.tool(tool, "stable").author("it").build(), ACTOR)
                .revision();
        awaitApplied(r0);
        long rollout = nextRolloutId();
        String in = consumer("k-in", rollout, b -> b < 2000);
        String out = consumer("k-out", rollout, b -> b >= 2000);
        List<ViewWatcher> all = new ArrayList<>();
        ViewWatcher inPort = ViewWatcher.open("k-in on the watch port", watchPort, "?since=" + r0, as(in, null));
        ViewWatcher outMain = ViewWatcher.open("k-out on node 1", node(1).baseUrl(), "?since=" + r0, as(out, null));
        ViewWatcher anonymous = ViewWatcher.open("anonymous on node 2", node(2).baseUrl(), "?since=" + r0, Map.of());
        all.addAll(List.of(inPort, outMain, anonymous));
        try {
            for (ViewWatcher w : all) {
                w.replica()
                        .apply(new EventStream.ReceivedEvent(
                                "snapshot",
                                String.valueOf(r0),
                                EventStream.JSON.readTree("{\"revision\": " + r0 + ", \"tools\": []}")));
            }
            long r1 = rollouts()
                    .start(changeRequest(tool, "candidate"), plan(Map.of(), 20), EDITOR)
                    .revision();
            inPort.nextChange(r1, tool);
            assertThat(inPort.description(tool)).isEqualTo("candidate");
            outMain.nextChange(r1);
            anonymous.nextChange(r1);
            // advancing past the last step completes the rollout: the candidate is everybody's
            long r2 = rollouts().advance(rollout, EDITOR).revision();
            for (ViewWatcher w : all) {
                EventStream.ReceivedEvent event = w.next();
                assertThat(event.revision()).as(w.name()).isEqualTo(r2);
                assertThat(w.description(tool)).as(w.name()).isEqualTo("candidate");
            }
            CompletableFuture<HttpResponse<String>> poll = longPoll(watchPort, r1, as(out, null));
            JsonNode answer = polled(poll);
            assertThat(answer.path("from_revision").asLong()).isEqualTo(r1);
            assertThat(descriptionIn(answer, tool)).isEqualTo("candidate");
        } finally {
            all.forEach(ViewWatcher::close);
        }
    }

    @Test
    void anIdAsEveryReadTakesItIsWatchedListedAndPagedThrough() throws Exception {
        String id = "svc:eu/7@a";
        // a consumer listed after it, so its entry ends a page and its key is a cursor
        try (EventStream stream = EventStream.open(node(1).baseUrl(), "", as(id, "region=eu"));
                EventStream after = EventStream.open(node(1).baseUrl(), "", as("zz-after", null))) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.nextContent(WITHIN).type()).isEqualTo("snapshot");
            assertThat(after.nextContent(WITHIN).type()).isEqualTo("snapshot");
            List<String> listed = new ArrayList<>();
            await().atMost(WITHIN).untilAsserted(() -> {
                listed.clear();
                String cursor = null;
                do {
                    String query = "?limit=1"
                            + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
                    HttpResponse<String> page = HTTP.send(
                            HttpRequest.newBuilder(URI.create(node(1).baseUrl() + "/api/v1/cluster/consumers" + query))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
                    JsonNode body = EventStream.JSON.readTree(page.body());
                    body.path("consumers")
                            .forEach(c -> listed.add(c.path("consumer_id").asText()));
                    cursor = body.path("next_cursor").isTextual()
                            ? body.path("next_cursor").asText()
                            : null;
                } while (cursor != null);
                assertThat(listed).contains(id, "zz-after");
            });
        }
    }

    @Test
    void badConsumerLabelsAreRefusedNamingTheHeaderOnBothPorts() throws Exception {
        for (String base : List.of(node(1).baseUrl(), watchPort)) {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/v1/watch"))
                            .header("Accept", "text/event-stream")
                            .header("X-Catalog-Consumer", "c-1")
                            .header("X-Catalog-Consumer-Labels", "Region=eu")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(base).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(EventStream.JSON.readTree(response.body()).path("field").asText())
                    .isEqualTo("X-Catalog-Consumer-Labels");
        }
    }
}
