package io.toolcatalog.client;

import static io.toolcatalog.client.ScriptedNode.change;
import static io.toolcatalog.client.ScriptedNode.progress;
import static io.toolcatalog.client.ScriptedNode.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.toolcatalog.client.CatalogClientStatus.Source;
import io.toolcatalog.testsupport.Ports;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What a new user of the client asked for: the whole catalog, whether the client is live, clear start failures, a stable name. */
class CatalogClientStatusTest extends ClientTestSupport {

    @Nested
    class WholeCatalog {

        @Test
        void listsEveryToolDisabledOnesTooAtTheRevisionHeld() throws Exception {
            ScriptedNode node = node().onWatch(since -> snapshot(2, GREP, SED));
            CatalogClient client = started(builder(node.uri()));

            CatalogTools tools = client.tools();

            assertThat(tools.revision()).isEqualTo(2);
            assertThat(tools.tools()).containsOnlyKeys("grep", "sed");
            assertThat(tools.tools().get("sed").enabled()).isFalse();
            assertThatThrownBy(() -> tools.tools().remove("grep")).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void isEmptyAtRevisionZeroBeforeStart() {
            CatalogClient client =
                    track(builder(URI.create("http://127.0.0.1:1")).build());

            assertThat(client.tools().revision()).isZero();
            assertThat(client.tools().tools()).isEmpty();
            assertThat(client.status().source()).isEqualTo(Source.NONE);
        }

        @Test
        void aListenerRegisteredAfterStartIsToldOnlyOfLaterChanges() throws Exception {
            ScriptedNode node = node().onWatch(since -> snapshot(1, GREP));
            CatalogClient client = started(builder(node.uri()));
            List<CatalogChanged> told = new CopyOnWriteArrayList<>();
            client.onChange(told::add);

            node.emit(change(1, 2, List.of(AWK), List.of()));

            await().until(() -> told.size() == 1);
            assertThat(told.get(0).fromRevision()).isEqualTo(1);
            assertThat(told.get(0).reset()).isFalse();
        }
    }

    @Nested
    class Status {

        @Test
        void followingANodeIsConnectedFromTheNodeAndKnowsHowFarBehindItIs() throws Exception {
            ScriptedNode node = node().onWatch(since -> snapshot(1, GREP));
            CatalogClient client = started(builder(node.uri()));

            node.emit(progress(4));

            await().until(() -> client.status().nodeRevision() == 4);
            CatalogClientStatus status = client.status();
            assertThat(status.node()).isEqualTo(node.uri());
            assertThat(status.connected()).isTrue();
            assertThat(status.source()).isEqualTo(Source.NODE);
            assertThat(status.revision()).isEqualTo(1);
            assertThat(status.lag()).isEqualTo(3);
            assertThat(status.lastEventAge()).isLessThan(Duration.ofSeconds(5));
            assertThat(status.reconnects()).isZero();
        }

        @Test
        void countsReconnectsAndIsDisconnectedWhileNoNodeAnswers() throws Exception {
            ScriptedNode node = node().onWatch(since -> since < 0 ? snapshot(1, GREP) : "");
            CatalogClient client = started(builder(node.uri()));

            node.endStreams();

            await().until(() -> client.status().reconnects() >= 1);
            node.close();
            await().until(() -> !client.status().connected());
            assertThat(client.status().source()).isEqualTo(Source.NODE);
        }

        @Test
        void servingFromTheCacheFileWithEveryNodeDownSaysSoAndAgesFromStart() throws Exception {
            Path file = dir.resolve("catalog.json");
            new CacheFile(file).write(CatalogState.of(7, List.of(GREP)));
            CatalogClient client = started(
                    builder(URI.create("http://127.0.0.1:" + Ports.free())).cacheFile(file));

            CatalogClientStatus status = client.status();

            assertThat(status.connected()).isFalse();
            assertThat(status.source()).isEqualTo(Source.CACHE);
            assertThat(status.revision()).isEqualTo(7);
            assertThat(status.nodeRevision()).isZero();
            assertThat(status.lag()).isZero();
            await().until(() -> client.status().lastEventAge().compareTo(Duration.ofMillis(100)) > 0);
        }
    }

    @Nested
    class Starting {

        @Test
        void failingToStartNamesWhyTheCacheFileCouldNotBeUsed() throws Exception {
            Path file = dir.resolve("catalog.json");
            Files.writeString(file, "{\"revision\": 5, \"tools\": [{\"na");
            CatalogClient client = track(builder(URI.create("http://127.0.0.1:" + Ports.free()))
                    .cacheFile(file)
                    .startTimeout(Duration.ofMillis(300))
                    .build());

            assertThatThrownBy(client::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the cache file " + file.toAbsolutePath() + " could not be used")
                    .hasMessageMatching("(?s).*could not be used: \\S+.*")
                    .hasMessageNotContaining("there is no cache file");
        }

        @Test
        void failingToStartWithoutACacheFileSaysNoneIsConfigured() {
            CatalogClient client = track(builder(URI.create("http://127.0.0.1:" + Ports.free()))
                    .startTimeout(Duration.ofMillis(300))
                    .build());

            assertThatThrownBy(client::start).hasMessageContaining("no cache file is configured");
        }

        @Test
        void namesItselfByApplicationAndHostTheSameAcrossRestarts() throws Exception {
            ScriptedNode node = node().onWatch(since -> snapshot(1, GREP));
            started(builder(node.uri()).applicationName("ranking pipeline")).close();
            started(builder(node.uri()).applicationName("ranking pipeline"));

            List<String> ids = node.watchRequests().stream()
                    .map(r -> r.header("X-Catalog-Consumer"))
                    .toList();

            String host = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
            assertThat(ids).hasSize(2).allSatisfy(id -> assertThat(id)
                    .isEqualTo("ranking-pipeline-" + host)
                    .matches("[A-Za-z0-9._-]{1,128}"));
        }

        @Test
        void sendsItsLabelsInOrder() throws Exception {
            ScriptedNode node = node().onWatch(since -> snapshot(1, GREP));
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("region", "eu-west");
            labels.put("tier", "gold");
            started(builder(node.uri()).labels(labels));

            assertThat(node.watchRequests().get(0).header("X-Catalog-Consumer-Labels"))
                    .isEqualTo("region=eu-west,tier=gold");
        }

        @Test
        void refusesALabelTheHeaderCannotCarry() {
            assertThatThrownBy(() -> CatalogClient.builder().labels(Map.of("region", "eu,west")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'region'")
                    .hasMessageContaining("'eu,west'");
        }

        @Test
        void namesItselfByMainClassAndHostWithoutAnApplicationName() throws Exception {
            ScriptedNode node = node().onWatch(since -> snapshot(1, GREP));
            started(builder(node.uri()));

            assertThat(node.watchRequests().get(0).header("X-Catalog-Consumer"))
                    .startsWith(ConsumerIds.sanitized(ConsumerIds.mainName()) + "-")
                    .doesNotContain("-" + ProcessHandle.current().pid() + "-")
                    .matches("[A-Za-z0-9._-]{1,128}");
        }
    }
}
