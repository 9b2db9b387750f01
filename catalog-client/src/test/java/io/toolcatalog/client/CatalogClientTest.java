package io.toolcatalog.client;

import static io.toolcatalog.client.ScriptedNode.change;
import static io.toolcatalog.client.ScriptedNode.progress;
import static io.toolcatalog.client.ScriptedNode.snapshot;
import static io.toolcatalog.client.ScriptedNode.tool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.toolcatalog.testsupport.Ports;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The client against scripted nodes: the protocol's rules, failover, the cache file, listeners. */
class CatalogClientTest extends ClientTestSupport {

    @Nested
    class Following {

        @Test
        void startsFromTheFirstSnapshotAndServesEnabledToolsProfiles() throws Exception {
            ScriptedNode node = node().onWatch(since -> snapshot(3, GREP, SED, AWK));

            CatalogClient client = started(builder(node.uri()));

            assertThat(client.revision()).isEqualTo(3);
            assertThat(client.profiles().revision()).isEqualTo(3);
            assertThat(client.profiles().tools()).containsOnlyKeys("awk", "grep");
            assertThat(client.profiles().tools().get("grep").get("default").timeoutMs())
                    .isEqualTo(5000);
            assertThat(client.tool("sed")).contains(SED);
            assertThat(client.tool("nope")).isEmpty();
            assertThat(node.watchRequests().get(0).since()).isEqualTo(-1);
        }

        @Test
        void appliesAChangeThatStartsAtTheRevisionHeld() throws Exception {
            ScriptedNode node = node().onWatch(since -> snapshot(3, GREP, SED, AWK));
            CatalogClient client = started(builder(node.uri()));
            CatalogTool grep2 = tool("grep", 2, 4, true, 7000);

            node.emit(change(3, 4, List.of(grep2), List.of("awk")));

            await().until(() -> client.revision() == 4);
            assertThat(client.tool("grep")).contains(grep2);
            assertThat(client.tool("awk")).isEmpty();
            assertThat(client.profiles().tools()).containsOnlyKeys("grep");
        }

        @Test
        void resumesFromTheRevisionHeldWhenTheChainBreaks() throws Exception {
            ScriptedNode node = node().onWatch(since -> since < 0 ? snapshot(3, GREP) : "");
            CatalogClient client = started(builder(node.uri()));

            node.emit(change(5, 6, List.of(SED), List.of()));

            await().until(() -> node.watchRequests().size() == 2);
            assertThat(node.watchRequests().get(1).since()).isEqualTo(3);
            assertThat(client.revision()).isEqualTo(3);
            assertThat(client.tool("sed")).isEmpty();
        }

        @Test
        void ignoresAChangeItAlreadyHolds() throws Exception {
            ScriptedNode node = node().onWatch(since -> snapshot(3, GREP));
            CatalogClient client = started(builder(node.uri()));
            List<CatalogChanged> told = listen(client);

            node.emit(change(2, 3, List.of(SED), List.of()) + change(3, 4, List.of(AWK), List.of()));

            await().until(() -> client.revision() == 4);
            assertThat(client.tool("sed")).isEmpty();
            assertThat(node.watchRequests()).hasSize(1);
            assertThat(told).extracting(CatalogChanged::revision).containsExactly(4L);
        }

        @Test
        void replacesItsStateWithASnapshotAndTellsListenersTheDifference() throws Exception {
            ScriptedNode node = node().onWatch(since -> snapshot(3, GREP, SED));
            CatalogClient client = started(builder(node.uri()));
            List<CatalogChanged> told = listen(client);
            CatalogTool grep2 = tool("grep", 2, 9, true, 9000);

            node.emit(snapshot(9, grep2, AWK));

            await().until(() -> told.size() == 1);
            CatalogChanged reset = told.get(0);
            assertThat(reset.reset()).isTrue();
            assertThat(reset.fromRevision()).isEqualTo(3);
            assertThat(reset.revision()).isEqualTo(9);
            assertThat(reset.changed()).containsExactlyInAnyOrder(grep2, AWK);
            assertThat(reset.removed()).containsExactly("sed");
            assertThat(client.tool("sed")).isEmpty();
        }

        @Test
        void namesItselfAndSendsItsToken() throws Exception {
            ScriptedNode node = node().onWatch(since -> snapshot(1, GREP));

            started(builder(node.uri()).token("s3cret").consumerId("ranking-pipeline"));

            ScriptedNode.ScriptedRequest request = node.watchRequests().get(0);
            assertThat(request.header("X-Catalog-Consumer")).isEqualTo("ranking-pipeline");
            assertThat(request.header("Authorization")).isEqualTo("Bearer s3cret");
            assertThat(request.header("Accept")).isEqualTo("text/event-stream");
        }

        @Test
        void reconnectsWhenTheStreamStaysSilentPastTheReadTimeout() throws Exception {
            ScriptedNode node = node().onWatch(since -> since < 0 ? snapshot(1, GREP) : progress(1));

            started(builder(node.uri()).readTimeout(Duration.ofMillis(300)));

            await().until(() -> node.watchRequests().size() >= 2);
            assertThat(node.watchRequests().get(1).since()).isEqualTo(1);
        }

        @Test
        void keepsAStreamThatSendsHeartbeats() throws Exception {
            ScriptedNode node = node().onWatch(since -> snapshot(1, GREP));
            started(builder(node.uri()).readTimeout(Duration.ofMillis(500)));
            ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
            resources.add(heartbeats::shutdownNow);

            heartbeats.scheduleAtFixedRate(() -> node.emit(":\n" + progress(1)), 0, 100, TimeUnit.MILLISECONDS);

            await().during(Duration.ofMillis(1500))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> node.watchRequests().size() == 1);
        }
    }

    @Nested
    class Failover {

        @Test
        void movesToTheNextNodeWhenItsNodeStopsAndResumesFromTheRevisionHeld() throws Exception {
            ScriptedNode a = node().onWatch(since -> snapshot(3, GREP));
            ScriptedNode b = node().onWatch(since -> since == 4 ? change(4, 5, List.of(AWK), List.of()) : "");
            CatalogClient client = started(builder(a.uri(), b.uri()));
            List<CatalogChanged> told = listen(client);
            a.emit(change(3, 4, List.of(SED), List.of()));
            await().until(() -> client.revision() == 4);

            a.close();

            await().until(() -> client.revision() == 5);
            assertThat(b.watchRequests())
                    .extracting(ScriptedNode.ScriptedRequest::since)
                    .containsExactly(4L);
            assertThat(told).extracting(CatalogChanged::fromRevision).containsExactly(3L, 4L);
            assertThat(told).extracting(CatalogChanged::revision).containsExactly(4L, 5L);
            assertThat(client.tool("awk")).contains(AWK);
        }

        @Test
        void startsFromAnyNodeThatAnswersWhenTheFirstIsDown() throws Exception {
            URI down = URI.create("http://127.0.0.1:" + Ports.free());
            ScriptedNode refusing = node().watchStatus(503);
            ScriptedNode up = node().onWatch(since -> snapshot(2, GREP));

            CatalogClient client = started(builder(down, refusing.uri(), up.uri()));

            assertThat(client.revision()).isEqualTo(2);
            assertThat(refusing.watchRequests()).isNotEmpty();
        }

        @Test
        void waitsAsLongAsARefusingNodeAsksWithinTheBackoffCap() throws Exception {
            ScriptedNode refusing = node().watchStatus(503);
            CatalogClient client = builder(refusing.uri())
                    .backoff(Duration.ofMillis(10), Duration.ofSeconds(5))
                    .build();
            resources.add(client);
            Thread starting = new Thread(() -> {
                try {
                    client.start();
                } catch (Exception e) {
                    // closed by the test
                }
            });
            starting.setDaemon(true);
            starting.start();

            await().until(() -> refusing.watchRequests().size() == 1);
            await().during(Duration.ofMillis(1200))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> refusing.watchRequests().size() == 1);
            await().atMost(Duration.ofSeconds(3))
                    .until(() -> refusing.watchRequests().size() == 2);
        }

        @Test
        void failsToStartWhenNoNodeAnswersAndThereIsNoCacheFile() {
            URI down = URI.create("http://127.0.0.1:" + Ports.free());
            CatalogClient client =
                    builder(down).startTimeout(Duration.ofMillis(300)).build();
            resources.add(client);

            assertThatThrownBy(client::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("answered");
        }
    }

    @Nested
    class ReadYourWrites {

        @Test
        void awaitRevisionReturnsOnceTheRevisionIsHeld() throws Exception {
            ScriptedNode node = node().onWatch(since -> snapshot(1, GREP));
            CatalogClient client = started(builder(node.uri()));

            assertThat(client.awaitRevision(2, Duration.ofMillis(100))).isFalse();
            node.emit(change(1, 2, List.of(SED), List.of()));

            assertThat(client.awaitRevision(2, Duration.ofSeconds(5))).isTrue();
            assertThat(client.tool("sed")).contains(SED);
            assertThat(client.awaitRevision(1, Duration.ZERO)).isTrue();
        }
    }

    @Nested
    class Reconcile {

        @Test
        void takesAFullSnapshotWhenTheNodesProfilesDifferAtTheSameRevision() throws Exception {
            CatalogTool grepOnServer = tool("grep", 1, 1, true, 1234);
            ScriptedNode node = node().onWatch(since -> since < 0 ? snapshot(3, GREP) : "");
            node.profiles(CatalogState.of(3, List.of(grepOnServer)).profiles());
            CatalogClient client = started(builder(node.uri()).reconcileInterval(Duration.ofMillis(200)));
            node.onWatch(since -> since < 0 ? snapshot(3, grepOnServer) : "");

            await().until(() -> client.tool("grep").orElseThrow().equals(grepOnServer));
            assertThat(node.watchRequests())
                    .extracting(ScriptedNode.ScriptedRequest::since)
                    .containsExactly(-1L, -1L);
        }

        @Test
        void asksWithTheETagOfTheViewItFoundEqual() throws Exception {
            ScriptedNode node = node().onWatch(since -> snapshot(3, GREP));
            node.profiles(CatalogState.of(3, List.of(GREP)).profiles());

            started(builder(node.uri()).reconcileInterval(Duration.ofMillis(100)));

            await().until(() -> node.requests().stream().anyMatch(r -> "\"r3\"".equals(r.header("If-None-Match"))));
            assertThat(node.watchRequests()).hasSize(1);
        }
    }

    @Nested
    class Closing {

        @Test
        void closeStopsEveryThreadTheClientStarted() throws Exception {
            ScriptedNode node = node().onWatch(since -> snapshot(1, GREP));
            CatalogClient client = started(builder(node.uri()));
            listen(client);
            node.emit(change(1, 2, List.of(SED), List.of()));
            await().until(() -> client.revision() == 2);
            assertThat(threadsOf(client)).isNotEmpty().allSatisfy(t -> assertThat(t.isDaemon())
                    .isTrue());

            client.close();

            await().until(() -> threadsOf(client).isEmpty());
            await().until(() -> {
                node.emit(progress(2));
                return node.openStreams() == 0;
            });
        }
    }
}
