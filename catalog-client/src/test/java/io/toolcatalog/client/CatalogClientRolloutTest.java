package io.toolcatalog.client;

import static io.toolcatalog.client.ScriptedNode.change;
import static io.toolcatalog.client.ScriptedNode.snapshot;
import static io.toolcatalog.client.ScriptedNode.tool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The consumer's side of a gradual rollout against scripted nodes: it names itself on every
 * request, follows the view the nodes serve it, and reports outcomes and apply failures.
 */
class CatalogClientRolloutTest extends ClientTestSupport {

    static final CatalogTool GREP_CANDIDATE = tool("grep", 2, 3, true, 9000);

    @Nested
    class Identity {

        @Test
        void namesItselfWithSortedLabelsOnTheStreamTheReconcileAndTheReports() throws Exception {
            ScriptedNode node = node().onWatch(since -> snapshot(3, GREP));
            node.profiles(CatalogState.of(3, List.of(GREP)).profiles());
            CatalogClient client = started(builder(node.uri())
                    .consumerId("ranker@eu/7")
                    .labels(Map.of("zone", "b-1", "region", "eu"))
                    .reconcileInterval(Duration.ofMillis(100))
                    .reportInterval(Duration.ofMillis(100)));

            client.report("grep", CatalogClient.Outcome.SUCCESS);

            await().until(() -> !node.reportRequests().isEmpty()
                    && node.requests().stream().anyMatch(r -> r.path().endsWith("/profiles")));
            assertThat(node.requests())
                    .extracting(ScriptedNode.ScriptedRequest::path)
                    .contains("/api/v1/watch", "/api/v1/profiles", "/api/v1/consumers/reports");
            assertThat(node.requests()).allSatisfy(request -> {
                assertThat(request.header("X-Catalog-Consumer")).isEqualTo("ranker@eu/7");
                assertThat(request.header("X-Catalog-Consumer-Labels")).isEqualTo("region=eu,zone=b-1");
            });
        }

        @Test
        void refusesLabelsAndIdsTheNodesWouldRefuseNamingThem() {
            assertThatThrownBy(() -> CatalogClient.builder().labels(Map.of("Region", "eu")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'Region'");
            assertThatThrownBy(() -> CatalogClient.builder().labels(Map.of("team", "search/ranking")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'team'")
                    .hasMessageContaining("search/ranking");
            assertThatThrownBy(() -> CatalogClient.builder().labels(Map.of("team", "x".repeat(64))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'team'");
            Map<String, String> seventeen = new HashMap<>();
            IntStream.range(0, 17).forEach(i -> seventeen.put("k" + i, "v"));
            assertThatThrownBy(() -> CatalogClient.builder().labels(seventeen))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at most 16");
            assertThatThrownBy(() -> CatalogClient.builder().consumerId("ranker pipeline"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("consumerId");
            Map<String, String> sixteen = new HashMap<>();
            IntStream.range(0, 16).forEach(i -> sixteen.put("k-" + i, "V_" + i + ".x"));
            CatalogClient.builder().labels(sixteen);
        }
    }

    @Nested
    class Views {

        @Test
        void holdsTheViewTheNodeNamesAndIsStableUntilOneDoes() throws Exception {
            ScriptedNode node = node().onWatch(since -> snapshot(3, GREP_CANDIDATE));
            CatalogClient unnamed = started(builder(node.uri()));
            assertThat(unnamed.view()).isEqualTo("stable");

            node.view("rollout=3", 3);
            CatalogClient named = started(builder(node.uri()));

            assertThat(named.view()).isEqualTo("rollout=3");
            assertThat(named.status().view()).isEqualTo("rollout=3");
        }

        @Test
        void takesAFullSnapshotWhenTheNodeNamesAnotherViewOfTheRevisionHeld() throws Exception {
            ScriptedNode node = node().view("stable", 3).onWatch(since -> since < 0 ? snapshot(3, GREP) : "");
            CatalogClient client = started(builder(node.uri()));
            List<CatalogChanged> told = listen(client);
            assertThat(client.view()).isEqualTo("stable");

            node.view("rollout=3", 3).onWatch(since -> since < 0 ? snapshot(3, GREP_CANDIDATE) : "");
            node.endStreams();

            await().until(() -> client.view().equals("rollout=3"));
            assertThat(client.tool("grep")).contains(GREP_CANDIDATE);
            assertThat(client.revision()).isEqualTo(3);
            assertThat(node.watchRequests())
                    .extracting(ScriptedNode.ScriptedRequest::since)
                    .containsExactly(-1L, 3L, -1L);
            assertThat(told).singleElement().satisfies(reset -> {
                assertThat(reset.reset()).isTrue();
                assertThat(reset.fromRevision()).isEqualTo(3);
                assertThat(reset.revision()).isEqualTo(3);
                assertThat(reset.changed()).containsExactly(GREP_CANDIDATE);
            });
        }

        @Test
        void appliesAChangeThatNamesAnotherViewOfTheRevisionHeld() throws Exception {
            ScriptedNode node = node().view("stable", 3).onWatch(since -> snapshot(3, GREP, SED));
            CatalogClient client = started(builder(node.uri()));
            List<CatalogChanged> told = listen(client);

            node.emit(change(3, 3, List.of(GREP_CANDIDATE), List.of(), "rollout_step", "rollout=3"));

            await().until(() -> client.view().equals("rollout=3"));
            assertThat(client.tool("grep")).contains(GREP_CANDIDATE);
            assertThat(told).singleElement().satisfies(change -> assertThat(change.changed())
                    .containsExactly(GREP_CANDIDATE));
            assertThat(node.watchRequests()).hasSize(1);
        }

        @Test
        void stillIgnoresAChangeAtTheRevisionHeldInTheViewHeld() throws Exception {
            ScriptedNode node = node().view("stable", 3).onWatch(since -> snapshot(3, GREP));
            CatalogClient client = started(builder(node.uri()));

            node.emit(change(3, 3, List.of(GREP_CANDIDATE), List.of(), "rollout_step", "stable")
                    + change(3, 4, List.of(SED), List.of()));

            await().until(() -> client.revision() == 4);
            assertThat(client.tool("grep")).contains(GREP);
        }

        @Test
        void namesTheViewOnceItReachesTheRevisionTheNodeNamedItFor() throws Exception {
            ScriptedNode node = node().view("stable", 3).onWatch(since -> since < 0 ? snapshot(3, GREP) : "");
            CatalogClient client = started(builder(node.uri()));
            CatalogTool candidate = tool("grep", 2, 5, true, 9000);
            node.view("rollout=3", 5)
                    .onWatch(since -> since == 3
                            ? change(3, 4, List.of(SED), List.of()) + change(4, 5, List.of(candidate), List.of())
                            : "");
            node.endStreams();

            await().until(() -> client.view().equals("rollout=3"));
            assertThat(client.revision()).isEqualTo(5);
            assertThat(client.tool("grep")).contains(candidate);
            assertThat(node.watchRequests())
                    .extracting(ScriptedNode.ScriptedRequest::since)
                    .containsExactly(-1L, 3L);
        }

        @Test
        void learnsTheViewFromAPromptReconcileAfterARolloutStep() throws Exception {
            ScriptedNode node = node().view("stable", 3).onWatch(since -> snapshot(3, GREP));
            CatalogClient client = started(builder(node.uri()).reconcileInterval(Duration.ofHours(1)));
            CatalogTool candidate = tool("grep", 2, 4, true, 9000);
            node.profiles(CatalogState.of(4, List.of(candidate)).profiles()).view("rollout=3", 4);

            node.emit(change(3, 4, List.of(candidate), List.of(), "rollout_start", null));

            await().until(() -> client.view().equals("rollout=3"));
            assertThat(client.revision()).isEqualTo(4);
            assertThat(node.requests())
                    .extracting(ScriptedNode.ScriptedRequest::path)
                    .contains("/api/v1/profiles");
        }

        @Test
        void takesAFullSnapshotWhenTheCacheFileHoldsTheViewOfAnotherConsumer() throws Exception {
            ScriptedNode node = node().view("stable", 3).onWatch(since -> since < 0 ? snapshot(3, GREP) : "");
            Path cache = dir.resolve("catalog.json");
            CatalogClient first = started(builder(node.uri()).cacheFile(cache).labels(Map.of("region", "us")));
            first.close();
            await().until(() -> cache.toFile().exists());
            node.view("rollout=3", 3).onWatch(since -> since < 0 ? snapshot(3, GREP_CANDIDATE) : "");

            CatalogClient same = started(builder(node.uri()).cacheFile(cache).labels(Map.of("region", "us")));
            await().until(() -> node.watchRequests().size() >= 3);
            same.close();
            CatalogClient other = started(builder(node.uri()).cacheFile(cache).labels(Map.of("region", "eu")));

            await().until(() -> other.tool("grep").orElseThrow().equals(GREP_CANDIDATE));
            // the same consumer resumed from the file (then found another view of 3 named and took a
            // snapshot); the other one went for a snapshot at once
            List<Long> sinces = node.watchRequests().stream()
                    .map(ScriptedNode.ScriptedRequest::since)
                    .toList();
            assertThat(sinces.get(1)).isEqualTo(3L);
            assertThat(sinces.get(sinces.size() - 1)).isEqualTo(-1L);
            assertThat(node.watchRequests().stream()
                            .filter(r -> "region=eu".equals(r.header("X-Catalog-Consumer-Labels")))
                            .map(ScriptedNode.ScriptedRequest::since))
                    .containsExactly(-1L);
        }
    }

    @Nested
    class Reporting {

        @Test
        void sendsTheCountsOfAnIntervalInOneReport() throws Exception {
            ScriptedNode node = node().onWatch(since -> snapshot(1, GREP));
            CatalogClient client = started(builder(node.uri()).reportInterval(Duration.ofMillis(300)));

            for (int i = 0; i < 97; i++) {
                client.report("grep", CatalogClient.Outcome.SUCCESS);
            }
            for (int i = 0; i < 3; i++) {
                client.report("grep", CatalogClient.Outcome.FAILURE);
            }
            client.report("sed", CatalogClient.Outcome.FAILURE);

            await().until(() -> client.status().reports().sent() == 101);
            assertThat(node.acceptedReports()).singleElement().satisfies(body -> {
                assertThat(body.path("tools").path("grep").path("success").asLong())
                        .isEqualTo(97);
                assertThat(body.path("tools").path("grep").path("failure").asLong())
                        .isEqualTo(3);
                assertThat(body.path("tools").path("sed").path("failure").asLong())
                        .isEqualTo(1);
                assertThat(body.has("apply_failures")).isFalse();
            });
            ScriptedNode.ScriptedRequest post = node.reportRequests().get(0);
            assertThat(post.method()).isEqualTo("POST");
            assertThat(post.header("Content-Type")).isEqualTo("application/json");
        }

        @Test
        void holdsAtMostAThousandToolsAndSendsThemTwoHundredAReport() throws Exception {
            ScriptedNode node = node().onWatch(since -> snapshot(1, GREP));
            CatalogClient client =
                    builder(node.uri()).reportInterval(Duration.ofHours(1)).build();
            resources.add(client);
            for (int i = 0; i < 1005; i++) {
                client.report("tool-" + i, CatalogClient.Outcome.SUCCESS);
            }
            client.report("tool-0", CatalogClient.Outcome.FAILURE);
            assertThat(client.status().reports().dropped()).isEqualTo(5);
            assertThat(client.status().reports().pendingTools()).isEqualTo(1000);

            client.start();
            client.close();

            List<JsonNode> reports = node.acceptedReports();
            assertThat(reports).hasSize(5);
            assertThat(reports)
                    .allSatisfy(body -> assertThat(body.path("tools").size()).isEqualTo(200));
            Set<String> tools = new HashSet<>();
            reports.forEach(body -> body.path("tools").fieldNames().forEachRemaining(tools::add));
            assertThat(tools).hasSize(1000).contains("tool-0", "tool-999").doesNotContain("tool-1000");
            assertThat(reports.get(0)
                            .path("tools")
                            .path("tool-0")
                            .path("failure")
                            .asLong())
                    .isEqualTo(1);
            assertThat(client.status().reports().sent()).isEqualTo(1001);
        }

        @Test
        void keepsTheCountsOfAFailedSendAndMergesThemWithTheNextOnes() throws Exception {
            ScriptedNode node = node().onWatch(since -> snapshot(1, GREP)).reportStatus(503);
            CatalogClient client = started(builder(node.uri()).reportInterval(Duration.ofMillis(100)));
            client.report("grep", CatalogClient.Outcome.SUCCESS);
            client.report("grep", CatalogClient.Outcome.SUCCESS);

            await().until(() -> client.status().reports().failedSends() >= 2);
            client.report("grep", CatalogClient.Outcome.FAILURE);
            client.report("sed", CatalogClient.Outcome.SUCCESS);
            assertThat(client.status().reports().sent()).isZero();
            node.reportStatus(202);

            await().until(() -> client.status().reports().sent() == 4);
            long success = 0;
            long failure = 0;
            for (JsonNode body : node.acceptedReports()) {
                success += body.path("tools").path("grep").path("success").asLong();
                failure += body.path("tools").path("grep").path("failure").asLong();
            }
            assertThat(success).isEqualTo(2);
            assertThat(failure).isEqualTo(1);
            assertThat(node.reportRequests().get(0).body()).contains("\"grep\":{\"success\":2,\"failure\":0}");
            assertThat(client.status().reports().dropped()).isZero();
        }

        @Test
        void dropsAReportTheNodeRefusesAsSuchAndNeverThrows() throws Exception {
            ScriptedNode node = node().onWatch(since -> snapshot(1, GREP)).reportStatus(400);
            CatalogClient client = started(builder(node.uri()).reportInterval(Duration.ofMillis(100)));

            client.report("grep", CatalogClient.Outcome.SUCCESS);
            client.report(null, CatalogClient.Outcome.SUCCESS);

            await().until(() -> client.status().reports().dropped() == 1);
            assertThat(client.status().reports().failedSends()).isEqualTo(1);
            assertThat(client.status().reports().pendingTools()).isZero();
        }

        @Test
        void sendsWhatIsLeftWhenItCloses() throws Exception {
            ScriptedNode node = node().onWatch(since -> snapshot(1, GREP));
            CatalogClient client = started(builder(node.uri()).reportInterval(Duration.ofHours(1)));

            client.report("grep", CatalogClient.Outcome.FAILURE);
            assertThat(node.reportRequests()).isEmpty();
            client.close();

            assertThat(node.acceptedReports()).singleElement().satisfies(body -> assertThat(
                            body.path("tools").path("grep").path("failure").asLong())
                    .isEqualTo(1));
        }
    }

    @Nested
    class ApplyFailures {

        @Test
        void reportsAListenerThatThrowsAtOnceWithTheRevisionToolAndError() throws Exception {
            ScriptedNode node = node().onWatch(since -> snapshot(1, GREP));
            CatalogClient client = started(builder(node.uri()).reportInterval(Duration.ofHours(1)));
            client.onChange(change -> {
                if (change.changed().contains(GREP_CANDIDATE)) {
                    throw new IllegalStateException("handler cannot load grep " + "x".repeat(600));
                }
            });

            node.emit(change(1, 3, List.of(GREP_CANDIDATE), List.of()));

            await().until(() -> !node.acceptedReports().isEmpty());
            JsonNode failure =
                    node.acceptedReports().get(0).path("apply_failures").get(0);
            assertThat(failure.path("revision").asLong()).isEqualTo(3);
            assertThat(failure.path("tool").asText()).isEqualTo("grep");
            assertThat(failure.path("error").asText())
                    .startsWith("java.lang.IllegalStateException: handler cannot load grep")
                    .hasSizeLessThanOrEqualTo(OutcomeReporter.MAX_ERROR_CHARS);
        }

        @Test
        void namesNoToolWhenTheChangeTouchedSeveral() throws Exception {
            ScriptedNode node = node().onWatch(since -> snapshot(1, GREP));
            CatalogClient client = started(builder(node.uri()).reportInterval(Duration.ofHours(1)));
            client.onChange(change -> {
                throw new UnsupportedOperationException();
            });

            node.emit(change(1, 2, List.of(SED, AWK), List.of()));

            await().until(() -> !node.acceptedReports().isEmpty());
            JsonNode failure =
                    node.acceptedReports().get(0).path("apply_failures").get(0);
            assertThat(failure.path("revision").asLong()).isEqualTo(2);
            assertThat(failure.has("tool")).isFalse();
            assertThat(failure.path("error").asText()).isEqualTo("java.lang.UnsupportedOperationException");
        }
    }
}
