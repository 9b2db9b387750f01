package io.toolcatalog.node.api;

import static io.toolcatalog.node.api.ChangeRequestCalls.ALICE;
import static io.toolcatalog.node.api.ChangeRequestCalls.BOB;
import static io.toolcatalog.node.api.ChangeRequestCalls.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolcatalog.core.changerequest.Participant;
import io.toolcatalog.core.cohort.ActiveRollout;
import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.rollout.Rollout;
import io.toolcatalog.core.rollout.RolloutPlan;
import io.toolcatalog.core.rollout.RolloutStep;
import io.toolcatalog.core.rollout.Rollouts;
import io.toolcatalog.node.testing.TestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every HTTP read answers in the caller's view while a rollout runs: a rollout started on node A is
 * read through node B by consumers c1..c200, and each sees the candidate exactly when its bucket
 * and labels put it in the cohort, on every read path, with ETags of its own view.
 */
class RolloutViewsIT {

    static final Duration WITHIN = Duration.ofSeconds(10);
    static final Participant APPROVER = new Participant("bob", true, false);
    static final String EDITOR = "editor-token";
    static final String VIEW = "X-Catalog-View";
    static final String CONSUMER = "X-Catalog-Consumer";
    static final String LABELS = "X-Catalog-Consumer-Labels";

    static TestCluster cluster;

    Api a;
    Api b;
    Rollout running;

    @BeforeAll
    static void start() {
        cluster = TestCluster.start("views", 2, ChangeRequestCalls.people());
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @BeforeEach
    void connect() {
        a = new Api(cluster.node(1).port());
        b = new Api(cluster.node(2).port());
    }

    /** One rollout at a time, so a consumer's view names only the test's own. */
    @AfterEach
    void abortRunning() {
        if (running != null) {
            rollouts().abort(running.id(), "bob", "test over");
            running = null;
        }
    }

    @Test
    void aFifthOfTheConsumersSeeTheCandidateOnEveryReadPathAndTheRestStable() {
        String t = createTool("views", 1000);
        Rollout rollout = rollOut(t, 2000, Map.of(), 20);

        int in = 0;
        for (int i = 1; i <= 200; i++) {
            String consumer = "c" + i;
            boolean cohort = ActiveRollout.bucket(rollout.id(), consumer) < 2000;
            in += cohort ? 1 : 0;
            String view = cohort ? "rollout=" + rollout.id() : "stable";
            Seen seen = readEverywhere(t, consumer, null, rollout.revision());
            assertThat(seen.view()).as(consumer).isEqualTo(view);
            assertThat(seen.version()).as(consumer).isEqualTo(cohort ? 2 : 1);
            assertThat(seen.timeoutMs()).as(consumer).isEqualTo(cohort ? 2000 : 1000);
        }
        assertThat(in).as("consumers in a 20 % cohort").isBetween(15, 70);

        Seen anonymous = readEverywhere(t, null, null, rollout.revision());
        assertThat(anonymous.view()).isEqualTo("stable");
        assertThat(anonymous.version()).isEqualTo(1);
    }

    @Test
    void advancingOnlyAddsConsumers() {
        String t = createTool("advance", 1000);
        Rollout rollout = rollOut(t, 3000, Map.of(), 20);
        Set<String> at20 = cohortOf(t, rollout.revision());

        Rollout advanced = rollouts().advance(rollout.id(), APPROVER);
        assertThat(advanced.percent()).isEqualTo(50.0);
        awaitApplied(advanced.revision());
        Set<String> at50 = cohortOf(t, advanced.revision());

        assertThat(at50).containsAll(at20).hasSizeGreaterThan(at20.size());
        for (int i = 1; i <= 200; i++) {
            assertThat(at50.contains("c" + i)).isEqualTo(ActiveRollout.bucket(rollout.id(), "c" + i) < 5000);
        }
    }

    @Test
    void aLabelSelectorOnlyReachesConsumersWithThatLabel() {
        String t = createTool("labels", 1000);
        Rollout rollout = rollOut(t, 4000, Map.of("region", "eu"), 50);

        int euIn = 0;
        for (int i = 1; i <= 100; i++) {
            String consumer = "c" + i;
            boolean bucketIn = ActiveRollout.bucket(rollout.id(), consumer) < 5000;
            Seen eu = readEverywhere(t, consumer, "stage=b,region=eu", rollout.revision());
            Seen us = readEverywhere(t, consumer, "region=us", rollout.revision());
            Seen unlabelled = readEverywhere(t, consumer, null, rollout.revision());
            assertThat(eu.view()).as(consumer).isEqualTo(bucketIn ? "rollout=" + rollout.id() : "stable");
            assertThat(eu.timeoutMs()).as(consumer).isEqualTo(bucketIn ? 4000 : 1000);
            assertThat(us.view()).as(consumer).isEqualTo("stable");
            assertThat(us.timeoutMs()).isEqualTo(1000);
            assertThat(unlabelled.view()).as(consumer).isEqualTo("stable");
            euIn += bucketIn ? 1 : 0;
        }
        assertThat(euIn).isPositive();
    }

    @Test
    void eTagsDifferPerViewAndNotModifiedHoldsPerView() {
        String t = createTool("etags", 1000);
        Rollout rollout = rollOut(t, 5000, Map.of(), 50);
        String in = consumerWhere(rollout.id(), true);
        String out = consumerWhere(rollout.id(), false);

        for (String path :
                List.of("/api/v1/tools/" + t, "/api/v1/tools?q=" + t, "/api/v1/profiles", "/api/v1/tools/export")) {
            Api.Reply inReply = read(path, in, null, rollout.revision());
            Api.Reply outReply = read(path, out, null, rollout.revision());
            String inTag = inReply.header("ETag").orElseThrow();
            String outTag = outReply.header("ETag").orElseThrow();
            assertThat(inTag).as(path).isNotEqualTo(outTag);
            assertThat(inReply.header("Vary").orElse(""))
                    .as(path)
                    .contains(CONSUMER)
                    .contains(LABELS);

            assertThat(conditional(path, in, inTag).status()).as(path).isEqualTo(304);
            assertThat(conditional(path, out, outTag).status()).as(path).isEqualTo(304);
            Api.Reply crossed = conditional(path, in, outTag);
            assertThat(crossed.status()).as(path).isEqualTo(200);
            assertThat(crossed.header(VIEW)).as(path).contains("rollout=" + rollout.id());
            assertThat(conditional(path, out, inTag).status()).as(path).isEqualTo(200);
        }
    }

    @Test
    void otherToolsChangedDuringTheRolloutShowInBothViews() {
        String t = createTool("held", 1000);
        String other = createTool("other", 1000);
        Rollout rollout = rollOut(t, 6000, Map.of(), 50);
        String in = consumerWhere(rollout.id(), true);
        String out = consumerWhere(rollout.id(), false);

        Api.Reply refused = a.put("/api/v1/tools/" + t)
                .token(EDITOR)
                .json("{\"description\": \"not now\"}")
                .send();
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        Api.Reply updated = a.put("/api/v1/tools/" + other)
                .token(EDITOR)
                .json("{\"profiles\": {\"default\": {\"timeout_ms\": 7777}}}")
                .send();
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        long revision = updated.revisionHeader();

        for (String consumer : List.of(in, out)) {
            Seen seen = readEverywhere(other, consumer, null, revision);
            assertThat(seen.version()).as(consumer).isEqualTo(2);
            assertThat(seen.timeoutMs()).as(consumer).isEqualTo(7777);
        }
        assertThat(readEverywhere(t, in, null, revision).timeoutMs()).isEqualTo(6000);
        assertThat(readEverywhere(t, out, null, revision).timeoutMs()).isEqualTo(1000);
    }

    @Test
    void aTokensPrincipalIsTheConsumerWhenNoIdIsSent() {
        String t = createTool("principal", 1000);
        Rollout rollout = rollOut(t, 8000, Map.of(), 99.99);
        boolean aliceIn = ActiveRollout.bucket(rollout.id(), "alice") < 9999;

        Api.Reply asAlice = b.get("/api/v1/tools/" + t)
                .token(ALICE)
                .header("X-Catalog-Min-Revision", String.valueOf(rollout.revision()))
                .send();
        Api.Reply named = read("/api/v1/tools/" + t, "alice", null, rollout.revision());
        Api.Reply anonymous = read("/api/v1/tools/" + t, null, null, rollout.revision());

        assertThat(asAlice.header(VIEW)).contains(aliceIn ? "rollout=" + rollout.id() : "stable");
        assertThat(asAlice.header(VIEW)).isEqualTo(named.header(VIEW));
        assertThat(asAlice.json().path("version").asInt())
                .isEqualTo(named.json().path("version").asInt());
        assertThat(anonymous.header(VIEW)).contains("stable");
    }

    @Test
    void badConsumerHeadersAre400NamingTheHeader() {
        String t = createTool("bad", 1000);
        for (String path : List.of("/api/v1/tools/" + t, "/api/v1/tools", "/api/v1/profiles", "/api/v1/tools/export")) {
            Problems.assertBadRequest(b.get(path).header(CONSUMER, "has space").send(), CONSUMER, "");
            Problems.assertBadRequest(
                    b.get(path).header(CONSUMER, "x".repeat(129)).send(), CONSUMER, "");
            Problems.assertBadRequest(
                    b.get(path)
                            .header(CONSUMER, "c1")
                            .header(LABELS, "Region=eu")
                            .send(),
                    LABELS,
                    "");
            Problems.assertBadRequest(
                    b.get(path)
                            .header(CONSUMER, "c1")
                            .header(LABELS, "region=eu,region=us")
                            .send(),
                    LABELS,
                    "");
        }
    }

    // --- helpers

    private static Rollouts rollouts() {
        return cluster.bean(1, Rollouts.class);
    }

    /** A new tool through node A at version 1 with {@code timeoutMs}; its name. */
    private String createTool(String prefix, int timeoutMs) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply reply = a.post("/api/v1/tools")
                .token(EDITOR)
                .json(
                        """
                        {"name": "%s", "description": "d", "category": "search",
                         "profiles": {"default": {"timeout_ms": %d}}}"""
                                .formatted(name, timeoutMs))
                .send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return name;
    }

    /** An approved change request setting {@code tool}'s timeout, rolled out at {@code percent}, applied on node B. */
    private Rollout rollOut(String tool, int timeoutMs, Map<String, String> labels, double percent) {
        ChangeRequestCalls calls = new ChangeRequestCalls(a);
        long id = calls.open(ALICE, "roll out " + tool);
        ok(calls.stage(
                ALICE,
                id,
                tool,
                """
                {"action": "upsert", "tool": {"description": "d", "category": "search",
                 "profiles": {"default": {"timeout_ms": %d}}}}"""
                        .formatted(timeoutMs)));
        ok(calls.step(ALICE, id, "submit"));
        ok(calls.step(BOB, id, "approve"));
        List<RolloutStep> steps = new ArrayList<>();
        steps.add(new RolloutStep(percent, Duration.ofHours(1)));
        if (percent < 50) {
            steps.add(new RolloutStep(50, Duration.ofHours(1)));
        }
        steps.add(new RolloutStep(100, Duration.ZERO));
        running = rollouts().start(id, new RolloutPlan(steps, labels, null, false), APPROVER);
        awaitApplied(running.revision());
        return running;
    }

    private static void awaitApplied(long revision) {
        await().atMost(WITHIN)
                .until(() -> cluster.bean(2, CatalogReloader.class).applied() >= revision);
    }

    /** Consumers c1..c200 who see the candidate of {@code tool}. */
    private Set<String> cohortOf(String tool, long revision) {
        Set<String> in = new HashSet<>();
        for (int i = 1; i <= 200; i++) {
            Api.Reply reply = read("/api/v1/tools/" + tool, "c" + i, null, revision);
            assertThat(reply.status()).isEqualTo(200);
            if (!reply.header(VIEW).orElseThrow().equals("stable")) {
                in.add("c" + i);
            }
        }
        return in;
    }

    private static String consumerWhere(long rolloutId, boolean in) {
        for (int i = 1; ; i++) {
            if ((ActiveRollout.bucket(rolloutId, "c" + i) < 5000) == in) {
                return "c" + i;
            }
        }
    }

    private Api.Reply read(String path, String consumer, String labels, long minRevision) {
        Api.Call call = b.get(path).header("X-Catalog-Min-Revision", String.valueOf(minRevision));
        if (consumer != null) {
            call.header(CONSUMER, consumer);
        }
        if (labels != null) {
            call.header(LABELS, labels);
        }
        Api.Reply reply = call.send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.revisionHeader()).isGreaterThanOrEqualTo(minRevision);
        return reply;
    }

    private Api.Reply conditional(String path, String consumer, String etag) {
        return b.get(path)
                .header(CONSUMER, consumer)
                .header("If-None-Match", etag)
                .send();
    }

    /**
     * {@code tool} as one consumer sees it through node B on every read path: one tool, the list,
     * the profiles and the export, which must all agree on the view and the tool.
     */
    private Seen readEverywhere(String tool, String consumer, String labels, long minRevision) {
        Api.Reply one = read("/api/v1/tools/" + tool, consumer, labels, minRevision);
        Api.Reply list = read("/api/v1/tools?q=" + tool, consumer, labels, minRevision);
        Api.Reply profiles = read("/api/v1/profiles", consumer, labels, minRevision);
        Api.Reply export = read("/api/v1/tools/export", consumer, labels, minRevision);
        String view = one.header(VIEW).orElseThrow();
        for (Api.Reply reply : List.of(list, profiles, export)) {
            assertThat(reply.header(VIEW)).as(reply.toString()).contains(view);
        }
        int version = one.json().path("version").asInt();
        int timeout =
                one.json().path("profiles").path("default").path("timeout_ms").asInt();
        JsonNode listed = find(list.json().path("tools"), tool);
        JsonNode exported = find(export.json().path("tools"), tool);
        assertThat(listed.path("version").asInt()).isEqualTo(version);
        assertThat(exported.path("version").asInt()).isEqualTo(version);
        assertThat(listed.path("profiles").path("default").path("timeout_ms").asInt())
                .isEqualTo(timeout);
        assertThat(profiles.json()
                        .path("tools")
                        .path(tool)
                        .path("default")
                        .path("timeout_ms")
                        .asInt())
                .as(profiles.body())
                .isEqualTo(timeout);
        return new Seen(view, version, timeout);
    }

    private static JsonNode find(JsonNode tools, String name) {
        for (JsonNode tool : tools) {
            if (tool.path("name").asText().equals(name)) {
                return tool;
            }
        }
        throw new AssertionError(name + " is not in " + tools);
    }

    record Seen(String view, int version, int timeoutMs) {}
}
