package io.toolcatalog.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.EpollProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.toolcatalog.api.webhook.ReplayGuard;
import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.cluster.Membership;
import io.toolcatalog.core.cluster.NodeIdentity;
import io.toolcatalog.core.cluster.NodeStatus;
import io.toolcatalog.core.cluster.ReloadBroadcaster;
import io.toolcatalog.core.cluster.ReloadRequest;
import io.toolcatalog.core.history.CountsByNode;
import io.toolcatalog.core.history.HistoryPage;
import io.toolcatalog.core.history.HistoryQuery;
import io.toolcatalog.core.history.HistoryStore;
import io.toolcatalog.core.history.ReloadCounts;
import io.toolcatalog.core.history.ReloadEvent;
import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.reload.CatalogSnapshot;
import io.toolcatalog.core.reload.ChangePropagation;
import io.toolcatalog.core.reload.ClusterReload;
import io.toolcatalog.core.reload.ClusterReloads;
import io.toolcatalog.core.store.CatalogImage;
import io.toolcatalog.core.store.CatalogReads;
import io.toolcatalog.core.store.ChangeLog;
import io.toolcatalog.core.store.ToolStore;
import io.toolcatalog.core.store.ToolVersionStore;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.tool.ToolDraft;
import io.toolcatalog.core.tool.ToolValidator;
import io.toolcatalog.core.write.CatalogEditor;
import io.toolcatalog.node.health.RedisHealthDetails;
import io.toolcatalog.node.history.RedisHistorySink;
import io.toolcatalog.node.testing.TestInfrastructure;
import io.toolcatalog.node.testing.TestNodes;
import io.toolcatalog.node.testing.TestNodes.Node;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.transaction.support.TransactionTemplate;
import redis.embedded.RedisServer;

/**
 * Three nodes on one schema and one Redis prefix, as a real cluster shares them, with the revision poll set to an hour
 * so that only the Redis paths can make a node catch up, unless a scenario says otherwise.
 */
class ClusterIT {

    private static final Logger log = LoggerFactory.getLogger(ClusterIT.class);
    /** Long enough that the revision poll never runs during a test; heartbeats at the default 1 s. */
    private static final Map<String, String> NO_POLL = Map.of("catalog.sync.poll-interval", "1h");

    private static String jdbcUrl;
    private static String clusterName;
    private static final List<Node> nodes = new ArrayList<>();

    @BeforeAll
    static void startCluster() {
        jdbcUrl = TestInfrastructure.newSchemaUrl();
        clusterName = TestInfrastructure.newClusterName();
        for (int i = 1; i <= 3; i++) {
            nodes.add(TestNodes.start(jdbcUrl, clusterName, "node-" + i, NO_POLL));
        }
    }

    @AfterAll
    static void stopCluster() {
        nodes.forEach(Node::close);
    }

    private static Node node(int number) {
        return nodes.get(number - 1);
    }

    private static CatalogReloader reloader(Node node) {
        return node.bean(CatalogReloader.class);
    }

    private static long applied(Node node) {
        return reloader(node).applied();
    }

    /** The catalog as the database has it now, as a snapshot (its revision and digest). */
    private static CatalogSnapshot database(Node any) {
        CatalogImage image = any.bean(CatalogReads.class).readAll();
        return CatalogSnapshot.of(image.revision(), image.tools());
    }

    private static boolean allEqualTo(List<Node> cluster, CatalogSnapshot truth) {
        return cluster.stream()
                .map(n -> reloader(n).snapshot())
                .allMatch(s -> s.revision() == truth.revision() && s.digest().equals(truth.digest()));
    }

    private static void awaitConverged(List<Node> cluster, Duration within) {
        await().atMost(within)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> allEqualTo(cluster, database(cluster.get(0))));
    }

    /** Runs {@code writers} until {@code stop} is set; returns the futures (rethrowing any failure). */
    private static List<Future<Integer>> mutate(ExecutorService pool, List<Node> writers, AtomicBoolean stop, int max) {
        List<Future<Integer>> futures = new ArrayList<>();
        for (Node writer : writers) {
            ClusterMutations mutations = new ClusterMutations(
                    writer.bean(CatalogEditor.class),
                    writer.id() + "-" + UUID.randomUUID().toString().substring(0, 4),
                    7);
            futures.add(pool.submit(() -> {
                int done = 0;
                while (!stop.get() && done < max) {
                    mutations.next();
                    done++;
                }
                return done;
            }));
        }
        return futures;
    }

    private static int sum(List<Future<Integer>> futures) throws Exception {
        int total = 0;
        for (Future<Integer> f : futures) {
            total += f.get();
        }
        return total;
    }

    /** Kills the pub/sub connections of the given nodes of {@code cluster}; returns how many. */
    private static int killPubSubConnections(String redisUrl, String cluster, Set<String> nodeIds) {
        RedisClient client = RedisClient.create(redisUrl);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            int killed = 0;
            for (String line : connection.sync().clientList().split("\n")) {
                Map<String, String> fields = new HashMap<>();
                for (String pair : line.trim().split(" ")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        fields.put(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                }
                String name = fields.getOrDefault("name", "");
                boolean ours = nodeIds.stream().anyMatch(id -> name.equals(cluster + ":" + id));
                boolean pubsub = fields.getOrDefault("flags", "").contains("P")
                        || Integer.parseInt(fields.getOrDefault("sub", "0")) > 0;
                if (ours && pubsub) {
                    killed += (int) connection
                            .sync()
                            .clientKill(KillArgs.Builder.id(Long.parseLong(fields.get("id"))))
                            .longValue();
                }
            }
            return killed;
        } finally {
            client.shutdown();
        }
    }

    @Nested
    class DoorbellPropagation {

        @Test
        void appliesAMutationFromNodeOneOnTheOtherNodesThroughPubSubAlone() {
            long revision = node(1).bean(CatalogEditor.class)
                    .create(
                            ClusterMutations.draft(
                                    "doorbell-" + UUID.randomUUID().toString().substring(0, 6), "x"),
                            Actor.of("it"))
                    .revision();

            await().atMost(Duration.ofSeconds(2))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> applied(node(2)) >= revision && applied(node(3)) >= revision);
            assertThat(node(2).bean(MeterRegistry.class)
                            .counter(
                                    "catalog.cluster.messages.received",
                                    "type",
                                    "catalog_changed",
                                    "outcome",
                                    "applied_carried")
                            .count())
                    .isPositive();
            assertThat(node(1).bean(MeterRegistry.class)
                            .counter("catalog.cluster.messages.received", "type", "catalog_changed", "outcome", "own")
                            .count())
                    .isPositive();
        }

        @Test
        void connectsThroughEpollSoKeepaliveTimingsAndTcpUserTimeoutApply() {
            assertThat(EpollProvider.isAvailable()).isTrue();
        }

        @Test
        void awaitRevisionReturnsOnceTheRevisionIsAppliedAndGivesUpAfterItsTimeout() {
            long revision = node(1).bean(CatalogEditor.class)
                    .create(
                            ClusterMutations.draft(
                                    "await-" + UUID.randomUUID().toString().substring(0, 6), "x"),
                            Actor.of("it"))
                    .revision();

            assertThat(reloader(node(2)).awaitRevision(revision, Duration.ofSeconds(2)))
                    .isTrue();
            assertThat(applied(node(2))).isGreaterThanOrEqualTo(revision);
            assertThat(reloader(node(3)).awaitRevision(revision + 1000, Duration.ofMillis(100)))
                    .isFalse();
        }
    }

    @Nested
    class ConcurrentWriters {

        @Test
        void threeNodesWritingAtOnceEndOnTheDatabasesRevisionAndDigest() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<Future<Integer>> writers = mutate(pool, nodes, new AtomicBoolean(), 300);

                assertThat(sum(writers)).isEqualTo(900);
            } finally {
                pool.shutdownNow();
            }

            awaitConverged(nodes, Duration.ofSeconds(5));
            assertThat(nodes)
                    .extracting(n -> reloader(n).snapshot().digest())
                    .containsOnly(database(node(1)).digest());
        }
    }

    @Nested
    class LostMessages {

        /** node 1's own editor, except that it tells nobody: the doorbell of its writes is lost. */
        private CatalogEditor silentEditor(Node node) {
            return new CatalogEditor(
                    node.bean(TransactionTemplate.class),
                    node.bean(ToolStore.class),
                    node.bean(ToolVersionStore.class),
                    node.bean(ChangeLog.class),
                    node.bean(ToolValidator.class),
                    new ChangePropagation(ReloadBroadcaster.none(), reloader(node)),
                    node.bean(NodeIdentity.class).nodeId(),
                    Clock.systemUTC());
        }

        @Test
        void catchesUpOnResubscriptionAfterADoorbellWasLost() {
            long revision = silentEditor(node(1))
                    .create(
                            ClusterMutations.draft(
                                    "lost-" + UUID.randomUUID().toString().substring(0, 6), "x"),
                            Actor.of("it"))
                    .revision();
            await().during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(1))
                    .until(() -> applied(node(2)) < revision && applied(node(3)) < revision);

            int killed = killPubSubConnections(TestInfrastructure.redisUrl(), clusterName, Set.of("node-2", "node-3"));

            assertThat(killed).isEqualTo(2);
            await().atMost(Duration.ofSeconds(2))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> applied(node(2)) >= revision && applied(node(3)) >= revision);
        }

        @Test
        void convergesAfterPubSubConnectionsAreKilledWhileTheClusterMutates() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(3);
            AtomicBoolean stop = new AtomicBoolean();
            int killed = 0;
            try {
                List<Future<Integer>> writers = mutate(pool, nodes, stop, Integer.MAX_VALUE);
                for (int round = 0; round < 5; round++) {
                    await().pollDelay(Duration.ofMillis(200)).until(() -> true);
                    killed += killPubSubConnections(
                            TestInfrastructure.redisUrl(), clusterName, Set.of("node-1", "node-2", "node-3"));
                }
                stop.set(true);
                assertThat(sum(writers)).isPositive();
            } finally {
                pool.shutdownNow();
            }

            assertThat(killed).isGreaterThanOrEqualTo(5);
            awaitConverged(nodes, Duration.ofSeconds(3));
        }
    }

    @Nested
    class NodeRestart {

        @Test
        void aNodeRestartedWhileTheOthersWriteStartsFromTheDatabaseAndConverges() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            AtomicBoolean stop = new AtomicBoolean();
            try {
                List<Future<Integer>> writers = mutate(pool, List.of(node(1), node(2)), stop, Integer.MAX_VALUE);
                await().pollDelay(Duration.ofMillis(300)).until(() -> true);
                node(3).close();
                long whileDown = applied(node(1));
                await().until(() -> applied(node(1)) > whileDown + 20);
                nodes.set(2, TestNodes.start(jdbcUrl, clusterName, "node-3", NO_POLL));
                await().pollDelay(Duration.ofMillis(300)).until(() -> true);
                stop.set(true);
                assertThat(sum(writers)).isPositive();
            } finally {
                pool.shutdownNow();
            }

            awaitConverged(nodes, Duration.ofSeconds(3));
        }
    }

    @Nested
    class ClusterHistory {

        @BeforeEach
        void aChangeEveryNodeApplied() {
            long revision = node(2).bean(CatalogEditor.class)
                    .create(
                            ClusterMutations.draft(
                                    "history-" + UUID.randomUUID().toString().substring(0, 6), "x"),
                            Actor.of("it"))
                    .revision();
            await().atMost(Duration.ofSeconds(2)).until(() -> nodes.stream()
                    .allMatch(n -> applied(n) >= revision
                            && n.bean(RedisHistorySink.class).queued() == 0));
        }

        @Test
        void everyNodeListsTheEventsOfAllNodesAndGivesTheSameAnswer() {
            List<HistoryPage> pages = nodes.stream()
                    .map(n -> n.bean(HistoryStore.class).query(HistoryQuery.latest(100)))
                    .toList();

            assertThat(pages).allSatisfy(page -> assertThat(page.source()).isEqualTo("cluster"));
            assertThat(pages)
                    .extracting(HistoryPage::total)
                    .containsOnly(pages.get(0).total());
            assertThat(pages)
                    .extracting(HistoryPage::history)
                    .containsOnly(pages.get(0).history());
            ReloadEvent latest = pages.get(0).history().stream()
                    .filter(e -> "node-2".equals(e.originNode()))
                    .findFirst()
                    .orElseThrow();
            List<ReloadEvent> ofThatChange = node(1).bean(HistoryStore.class)
                    .query(HistoryQuery.forReload(latest.reloadId(), null, 100))
                    .history();
            assertThat(ofThatChange)
                    .extracting(ReloadEvent::nodeId)
                    .containsExactlyInAnyOrder("node-1", "node-2", "node-3");
            assertThat(ofThatChange).extracting(ReloadEvent::revision).containsOnly(latest.revision());
        }

        @Test
        void filtersByNodeAndTrigger() {
            HistoryPage page = node(3).bean(HistoryStore.class)
                    .query(new HistoryQuery(100, ReloadTrigger.API_UPDATE, "node-1", null, null, null));

            assertThat(page.history()).isNotEmpty().allSatisfy(e -> {
                assertThat(e.nodeId()).isEqualTo("node-1");
                assertThat(e.trigger()).isEqualTo(ReloadTrigger.API_UPDATE);
            });
        }

        @Test
        void statisticsSumTheCountersOfAllNodesAndMatchTheStream() {
            // killed connections earlier may hold a node's Redis circuit open for a moment
            List<CountsByNode> counts = await().atMost(Duration.ofSeconds(5))
                    .until(
                            () -> nodes.stream()
                                    .map(n -> n.bean(HistoryStore.class).counts())
                                    .toList(),
                            all -> all.stream().allMatch(c -> c.source().equals("cluster")));
            long inStream = node(1).bean(StringRedisTemplate.class)
                    .opsForStream()
                    .size(node(1).bean(ClusterProperties.class).eventsKey());

            assertThat(counts)
                    .extracting(CountsByNode::nodes)
                    .containsOnly(counts.get(0).nodes());
            assertThat(counts.get(0).nodes()).containsKeys("node-1", "node-2", "node-3");
            ReloadCounts total = counts.get(0).total();
            assertThat(total.total()).isEqualTo(inStream);
            assertThat(total.successful() + total.failed()).isEqualTo(total.total());
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ExplicitClusterReload {

        private Node extra;

        @AfterEach
        void stopExtraNode() {
            if (extra != null) {
                extra.close();
                extra = null;
            }
        }

        private ClusterReload reloadEverywhere(Duration wait) {
            ReloadRequest request = ReloadRequest.of(ReloadTrigger.MANUAL, "node-1", "cluster reload test");
            return node(1).bean(ClusterReloads.class).reload(request, true, wait);
        }

        private List<String> upNodes() {
            return node(1).bean(Membership.class).nodes(applied(node(1))).stream()
                    .filter(NodeStatus::isUp)
                    .map(NodeStatus::nodeId)
                    .toList();
        }

        @Test
        void reportsTheOutcomeOfEveryLiveNode() {
            ClusterReload result = reloadEverywhere(Duration.ofSeconds(3));

            assertThat(result.missing()).isEmpty();
            assertThat(result.outcomes())
                    .extracting(ReloadEvent::nodeId)
                    .containsExactlyInAnyOrder("node-1", "node-2", "node-3");
            assertThat(result.outcomes())
                    .extracting(ReloadEvent::reloadId)
                    .containsOnly(result.local().reloadId());
        }

        @Test
        void membershipListsEveryNodeUpWithItsRealAddressRevisionAndDigest() {
            long revision = applied(node(1));
            await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(
                            node(3).bean(Membership.class).nodes(revision))
                    .filteredOn(n -> n.nodeId().startsWith("node-"))
                    .hasSize(3)
                    .allSatisfy(n -> {
                        Node node = nodes.get(Integer.parseInt(n.nodeId().substring(5)) - 1);
                        assertThat(n.status()).isEqualTo("up");
                        assertThat(n.address()).endsWith(":" + node.port());
                        assertThat(n.appliedRevision()).isEqualTo(revision);
                        assertThat(n.lag()).isZero();
                        assertThat(n.digest())
                                .isEqualTo(reloader(node).snapshot().digest());
                    }));
        }

        @Test
        void aCleanlyStoppedNodeLeavesAtOnceAndIsNotWaitedFor() {
            extra = TestNodes.start(jdbcUrl, clusterName, "node-4", NO_POLL);
            await().atMost(Duration.ofSeconds(3)).until(() -> upNodes().contains("node-4"));

            extra.close();
            extra = null;

            assertThat(node(1).bean(Membership.class).nodes(0))
                    .extracting(NodeStatus::nodeId)
                    .doesNotContain("node-4");
            long start = System.nanoTime();
            ClusterReload result = reloadEverywhere(Duration.ofSeconds(3));
            assertThat(result.missing()).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }

        @Test
        void reportsACrashedNodeMissingWithinTheWaitAndThenDown() {
            extra = TestNodes.start(jdbcUrl, clusterName, "node-4", NO_POLL);
            await().atMost(Duration.ofSeconds(3)).until(() -> upNodes().contains("node-4"));

            // what a killed process leaves behind: no more heartbeats, no subscription, no clean leave
            extra.context()
                    .getBean("clusterScheduler", ScheduledExecutorService.class)
                    .shutdownNow();
            extra.bean(RedisMessageListenerContainer.class).stop();

            long start = System.nanoTime();
            ClusterReload result = reloadEverywhere(Duration.ofSeconds(3));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(result.missing()).containsExactly("node-4");
            assertThat(result.outcomes())
                    .extracting(ReloadEvent::nodeId)
                    .containsExactlyInAnyOrder("node-1", "node-2", "node-3");
            assertThat(took).isLessThan(Duration.ofMillis(3500));
            await().atMost(Duration.ofSeconds(5)).until(() -> node(2).bean(Membership.class).nodes(0).stream()
                    .anyMatch(n -> n.nodeId().equals("node-4") && n.status().equals("down")));
        }
    }

    /** A Redis of its own, on a port of its own, stopped and restarted on that port. */
    @Nested
    class WebhookReplays {

        @Test
        void aWebhookSignatureUsedOnOneNodeIsRefusedOnAnother() {
            String signature = "sha256=" + UUID.randomUUID();
            Instant expires = Instant.now().plusSeconds(300);

            assertThat(node(1).bean(ReplayGuard.class).firstUse(signature, expires))
                    .isTrue();
            assertThat(node(2).bean(ReplayGuard.class).firstUse(signature, expires))
                    .isFalse();
            assertThat(node(3).bean(ReplayGuard.class).firstUse(signature, expires))
                    .isFalse();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class RedisOutage {

        private final List<Node> own = new ArrayList<>();
        private int port;
        private RedisServer redis;

        @BeforeAll
        void startClusterOnItsOwnRedis() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            redis = startRedis();
            String url = TestInfrastructure.newSchemaUrl();
            String name = TestInfrastructure.newClusterName();
            Map<String, String> props = Map.of(
                    "spring.data.redis.url", redisUrl(),
                    "catalog.sync.poll-interval", "200ms",
                    "catalog.cluster.heartbeat-interval", "500ms");
            for (int i = 1; i <= 3; i++) {
                own.add(TestNodes.start(url, name, "outage-" + i, props));
            }
        }

        @AfterAll
        void stopIt() throws IOException {
            own.forEach(Node::close);
            redis.stop();
        }

        private String redisUrl() {
            return "redis://127.0.0.1:" + port;
        }

        private RedisServer startRedis() throws IOException {
            RedisServer server = RedisServer.newRedisServer()
                    .port(port)
                    .setting("bind 127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            server.start();
            return server;
        }

        private long subscribers(String channel) {
            RedisClient client = RedisClient.create(redisUrl());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                return connection.sync().pubsubNumsub(channel).getOrDefault(channel, 0L);
            } finally {
                client.shutdown();
            }
        }

        private Map<String, Object> health(Node node) {
            Map<String, Object> details = new HashMap<>();
            node.bean(RedisHealthDetails.class).contribute(details);
            return details;
        }

        @Test
        void aNodeStartsAndServesWhileRedisIsDownThenSubscribesWhenItReturns() throws Exception {
            String channel = own.get(0).bean(ClusterProperties.class).changedChannel();
            redis.stop();
            try (Node late = TestNodes.start(
                    own.get(0).context().getEnvironment().getProperty("spring.datasource.url"),
                    own.get(0).bean(ClusterProperties.class).name(),
                    "outage-late",
                    Map.of("spring.data.redis.url", redisUrl(), "catalog.sync.poll-interval", "200ms"))) {
                assertThat(late.bean(CatalogReloader.class).isLoaded()).isTrue();
                long revision = own.get(0)
                        .bean(CatalogEditor.class)
                        .create(
                                new ToolDraft("while-down-" + System.nanoTime(), "d", null, null, true, null, null),
                                Actor.of("editor"))
                        .revision();
                await().atMost(Duration.ofSeconds(3))
                        .until(() -> late.bean(CatalogReloader.class).applied() >= revision);

                redis = startRedis();
                await().atMost(Duration.ofSeconds(5)).until(() -> subscribers(channel) == 4);
            } finally {
                if (!redisRunning()) {
                    redis = startRedis();
                }
            }
        }

        private boolean redisRunning() {
            return redis.isActive();
        }

        @Test
        void mutationsSucceedNodesConvergeByPollAndHistoryAndSubscriptionsComeBack() throws Exception {
            String channel = own.get(0).bean(ClusterProperties.class).changedChannel();
            await().atMost(Duration.ofSeconds(2)).until(() -> subscribers(channel) == 3);

            redis.stop();
            Instant down = Instant.now();
            ExecutorService pool = Executors.newFixedThreadPool(3);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong slowest = new AtomicLong();
            List<Future<Integer>> writers = new ArrayList<>();
            try {
                for (Node writer : own) {
                    ClusterMutations mutations = new ClusterMutations(writer.bean(CatalogEditor.class), writer.id(), 3);
                    writers.add(pool.submit(() -> {
                        int done = 0;
                        while (!stop.get()) {
                            long t = System.nanoTime();
                            mutations.next();
                            slowest.accumulateAndGet((System.nanoTime() - t) / 1_000_000, Math::max);
                            done++;
                        }
                        return done;
                    }));
                }
                await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
                stop.set(true);
                assertThat(sum(writers)).isPositive();
            } finally {
                pool.shutdownNow();
            }
            assertThat(slowest.get())
                    .as("slowest mutation while Redis was down, ms")
                    .isLessThan(1000);
            awaitConverged(own, Duration.ofSeconds(3));
            assertThat(own).allSatisfy(n -> {
                assertThat(health(n)).containsEntry("redis", "degraded");
                assertThat(n.bean(RedisHistorySink.class).queued()).isPositive();
            });

            redis = startRedis();
            long back = System.nanoTime();
            await().atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> subscribers(channel) == 3);
            long resubscribedMs = (System.nanoTime() - back) / 1_000_000;
            await().atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> own.stream()
                            .allMatch(n -> n.bean(RedisHistorySink.class).queued() == 0));
            long flushedMs = (System.nanoTime() - back) / 1_000_000;
            log.info(
                    "After Redis returned: all nodes resubscribed in {} ms, queued history flushed in {} ms",
                    resubscribedMs,
                    flushedMs);

            HistoryPage history =
                    own.get(0).bean(HistoryStore.class).query(new HistoryQuery(10_000, null, null, null, down, null));
            assertThat(history.source()).isEqualTo("cluster");
            assertThat(history.history()).extracting(ReloadEvent::nodeId).contains("outage-1", "outage-2", "outage-3");
            await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(own)
                    .allSatisfy(n -> assertThat(health(n)).containsEntry("redis", "up")));
        }
    }
}
