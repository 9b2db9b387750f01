package io.toolcatalog.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.toolcatalog.core.cluster.NodeIdentity;
import io.toolcatalog.core.cluster.ReloadBroadcaster;
import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.reload.CatalogSnapshot;
import io.toolcatalog.core.reload.ChangePropagation;
import io.toolcatalog.core.store.CatalogImage;
import io.toolcatalog.core.store.CatalogReads;
import io.toolcatalog.core.store.ChangeLog;
import io.toolcatalog.core.store.ToolStore;
import io.toolcatalog.core.store.ToolVersionStore;
import io.toolcatalog.core.testing.ToolDrafts;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.tool.Profile;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.tool.ToolDraft;
import io.toolcatalog.core.tool.ToolValidator;
import io.toolcatalog.core.write.CatalogEditor;
import io.toolcatalog.node.testing.TestCluster;
import io.toolcatalog.node.testing.TestNodes;
import io.toolcatalog.node.testing.TestNodes.Node;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A change's message carries its rows. Three nodes carry changes; a fourth has carrying turned off
 * ({@code max-carried-bytes=0}), as a node of the previous release would during a rolling deploy:
 * it publishes plain doorbells and treats the others' rows as doorbells. The revision poll is set
 * to an hour, so only pub/sub moves a node.
 */
class CarriedChangeIT {

    private static final Map<String, String> OLD_NODE =
            Map.of("catalog.sync.poll-interval", "1h", "catalog.cluster.max-carried-bytes", "0");

    private static TestCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = TestCluster.start("new", 3, NoPollClusterTest.NO_POLL);
        cluster.add("old-4", OLD_NODE);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    private static Node node(int number) {
        return cluster.node(number);
    }

    private static List<Node> carrying() {
        return cluster.nodes().subList(0, 3);
    }

    private static CatalogSnapshot snapshot(Node node) {
        return node.bean(CatalogReloader.class).snapshot();
    }

    /** The {@code tools} table now, read as a catch-up reads it. */
    private static CatalogImage database() {
        return node(1).bean(CatalogReads.class).readAll();
    }

    private static double received(Node node, String outcome) {
        return node.bean(MeterRegistry.class)
                .counter("catalog.cluster.messages.received", "type", "catalog_changed", "outcome", outcome)
                .count();
    }

    private static double handled(Node node, String thread) {
        return node.bean(MeterRegistry.class)
                .counter("catalog.cluster.changes.handled", "thread", thread)
                .count();
    }

    private static long hopCount(Node node, String hop) {
        return node.bean(MeterRegistry.class)
                .timer("catalog.propagation.hop", "hop", hop)
                .count();
    }

    /** Every node at the database's revision and digest, holding exactly the rows of the tools table. */
    private static void awaitEveryNodeEqualsTheDatabase() {
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> {
                    CatalogImage truth = database();
                    CatalogSnapshot expected = CatalogSnapshot.of(truth.revision(), truth.tools());
                    for (Node node : cluster.nodes()) {
                        CatalogSnapshot mine = snapshot(node);
                        assertThat(mine.revision()).as(node.id() + " revision").isEqualTo(truth.revision());
                        assertThat(mine.digest()).as(node.id() + " digest").isEqualTo(expected.digest());
                        assertThat(mine.tools()).as(node.id() + " tools").containsExactlyElementsOf(expected.tools());
                    }
                });
    }

    /** Each of {@code writers} does {@code each} mutations at once, over names of its own; each does them all. */
    private static void writeConcurrently(List<Node> writers, int each) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers.size());
        try {
            List<Future<Integer>> done = ClusterMutations.write(
                    pool,
                    writers,
                    w -> new ClusterMutations(w.bean(CatalogEditor.class), unique(w.id()), w.id().hashCode()),
                    new AtomicBoolean(),
                    each,
                    new AtomicLong());
            for (Future<Integer> writer : done) {
                assertThat(writer.get()).isEqualTo(each);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    @Nested
    class ThePeersApplyTheRows {

        @Test
        void aCarriedToolEqualsTheRowTheDatabaseHoldsToTheLastField() {
            Map<String, Object> parameters = Map.of(
                    "ratio",
                    0.1,
                    "tiny",
                    1e-7,
                    "big",
                    12_345_678_901_234L,
                    "huge",
                    new java.math.BigInteger("123456789012345678901234567890"),
                    "text",
                    "naïve \"quoted\" ✓",
                    "nested",
                    Map.of("list", List.of(1, "two", true, Map.of("deep", 2.5))));
            ToolDraft draft = ToolDrafts.named(unique("exact"))
                    .description("Exact rows")
                    .category("search")
                    .tags("b", "a")
                    .enabled(true)
                    .profile("fast", new Profile(100, 0, 1.0, 0.25, 0.0, parameters))
                    .profile("slow", new Profile(null, null, null, null, null, null))
                    .author("carrier")
                    .build();
            double carriedBefore = received(node(2), "applied_carried");

            Tool created = node(1).bean(CatalogEditor.class).create(draft, Actor.of("it"));
            Tool updated = node(1).bean(CatalogEditor.class)
                    .update(
                            created.name(),
                            ToolDrafts.patch()
                                    .description("Exact rows, updated")
                                    .author("carrier")
                                    .build(),
                            null,
                            Actor.of("it"));

            await().atMost(Duration.ofSeconds(2))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> carrying().stream().allMatch(n -> snapshot(n).revision() >= updated.revision()));
            // the outcome is counted just after the swap the loop above saw
            await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(received(node(2), "applied_carried"))
                    .isGreaterThanOrEqualTo(carriedBefore + 2));
            Tool row = database().tools().stream()
                    .filter(t -> t.name().equals(created.name()))
                    .findFirst()
                    .orElseThrow();
            assertThat(updated).isEqualTo(row);
            for (Node node : carrying()) {
                assertThat(snapshot(node).tool(created.name())).as(node.id()).contains(row);
            }
        }

        @Test
        void aPeerTimesEveryHopOfACarriedChange() {
            List<String> hops = List.of("commit_to_publish", "publish_to_receive", "receive_to_applied");
            List<Long> before = hops.stream().map(h -> hopCount(node(3), h)).toList();

            long revision = node(1).bean(CatalogEditor.class)
                    .create(ClusterMutations.draft(unique("timed"), "x"), Actor.of("it"))
                    .revision();

            await().atMost(Duration.ofSeconds(2))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> snapshot(node(3)).revision() >= revision);
            for (int i = 0; i < hops.size(); i++) {
                assertThat(hopCount(node(3), hops.get(i))).as(hops.get(i)).isGreaterThan(before.get(i));
            }
        }

        @Test
        void aPeerAppliesCarriedRowsOnTheThreadThatReceivedThemWhenNothingWaits() {
            double onReceipt = handled(node(3), "receiving");
            double carriedBefore = received(node(3), "applied_carried");

            for (int i = 0; i < 5; i++) { // one at a time: nothing waits before each
                long revision = node(1).bean(CatalogEditor.class)
                        .create(ClusterMutations.draft(unique("received"), "x"), Actor.of("it"))
                        .revision();
                await().atMost(Duration.ofSeconds(2))
                        .pollInterval(Duration.ofMillis(5))
                        .until(() -> snapshot(node(3)).revision() >= revision);
            }

            await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
                assertThat(received(node(3), "applied_carried")).isGreaterThan(carriedBefore);
                assertThat(handled(node(3), "receiving")).isGreaterThan(onReceipt);
            });
        }

        @Test
        void aDeleteCarriesTheRemovedName() {
            CatalogEditor editor = node(2).bean(CatalogEditor.class);
            String name = editor.create(ClusterMutations.draft(unique("gone"), "x"), Actor.of("it"))
                    .name();
            double carriedBefore = received(node(3), "applied_carried");

            long revision = editor.delete(name, null, Actor.of("it"));

            await().atMost(Duration.ofSeconds(2))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> snapshot(node(3)).revision() >= revision);
            assertThat(snapshot(node(3)).tool(name)).isEmpty();
            assertThat(received(node(3), "applied_carried")).isGreaterThan(carriedBefore);
        }
    }

    @Nested
    class Invariant {

        @Test
        void afterManyCarriedAppliesFromConcurrentWritersEveryNodeEqualsTheDatabase() throws Exception {
            List<Double> carriedBefore =
                    carrying().stream().map(n -> received(n, "applied_carried")).toList();
            writeConcurrently(carrying(), 150);

            awaitEveryNodeEqualsTheDatabase();
            for (int i = 0; i < 3; i++) {
                assertThat(received(carrying().get(i), "applied_carried"))
                        .as("carried applies on " + carrying().get(i).id())
                        .isGreaterThan(carriedBefore.get(i) + 10);
            }
        }
    }

    @Nested
    class RollingDeploy {

        @Test
        void oldAndNewNodesWritingTogetherAllEndOnTheDatabasesRevisionDigestAndRows() throws Exception {
            double oldCarriedBefore = received(node(4), "applied_carried");
            writeConcurrently(cluster.nodes(), 60);

            awaitEveryNodeEqualsTheDatabase();
            assertThat(received(node(4), "applied_carried"))
                    .as("the old node never applies rows")
                    .isEqualTo(oldCarriedBefore);
            assertThat(received(node(4), "rang")).isPositive();
        }

        @Test
        void aMessageInThePreviousReleasesFormatStillBringsEveryNodeToTheRevision() {
            Node writer = node(1);
            CatalogEditor silent = new CatalogEditor(
                    writer.bean(TransactionTemplate.class),
                    writer.bean(ToolStore.class),
                    writer.bean(ToolVersionStore.class),
                    writer.bean(ChangeLog.class),
                    writer.bean(ToolValidator.class),
                    new ChangePropagation(ReloadBroadcaster.none(), writer.bean(CatalogReloader.class)),
                    writer.bean(NodeIdentity.class).nodeId(),
                    Clock.systemUTC());
            long revision = silent.create(ClusterMutations.draft(unique("legacy"), "x"), Actor.of("it"))
                    .revision();
            assertThat(snapshot(node(2)).revision()).isLessThan(revision);

            // exactly what a node of the previous release publishes: no "v", no rows
            String legacy = "{\"revision\":" + revision + ",\"tools\":[\"legacy\"],\"operation\":\"create\","
                    + "\"trigger\":\"api_update\",\"origin_node\":\"a-previous-release\",\"triggered_by\":\"it\","
                    + "\"reason\":\"Tool created\",\"reload_id\":\"" + UUID.randomUUID() + "\","
                    + "\"committed_at\":\"2026-11-28T09:00:00.123456Z\"}";
            // signed, as members of a cluster with a key sign; the format is the previous release's
            byte[] signed = new MessageSignature(TestNodes.MESSAGE_KEY).sign(legacy.getBytes(StandardCharsets.UTF_8));
            writer.bean(StringRedisTemplate.class)
                    .getConnectionFactory()
                    .getConnection()
                    .publish((cluster.name() + ":catalog-changed").getBytes(StandardCharsets.UTF_8), signed);

            awaitEveryNodeEqualsTheDatabase();
        }
    }
}
