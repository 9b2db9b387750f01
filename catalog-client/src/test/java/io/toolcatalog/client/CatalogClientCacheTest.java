package io.toolcatalog.client;

import static io.toolcatalog.client.ScriptedNode.change;
import static io.toolcatalog.client.ScriptedNode.snapshot;
import static io.toolcatalog.client.ScriptedNode.tool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.toolcatalog.testsupport.Ports;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The client against scripted nodes: the cache file and change listeners. */
class CatalogClientCacheTest extends ClientTestSupport {

    @Nested
    class Cache {

        @Test
        void writesTheStateToTheCacheFileAfterAChangeWithNoTemporaryFileLeft() throws Exception {
            Path file = dir.resolve("cache/catalog.json");
            ScriptedNode node = node().onWatch(since -> snapshot(3, GREP));
            CatalogClient client = started(builder(node.uri()).cacheFile(file));

            node.emit(change(3, 4, List.of(SED), List.of()));

            await().until(() -> Files.exists(file) && readCache(file).revision() == 4);
            assertThat(readCache(file).tools()).containsExactlyInAnyOrder(GREP, SED);
            try (Stream<Path> files = Files.list(file.getParent())) {
                assertThat(files).containsExactly(file);
            }
            assertThat(client.revision()).isEqualTo(4);
        }

        @Test
        void servesFromTheCacheFileWithEveryNodeDownThenCatchesUpWhenOneComesBack() throws Exception {
            Path file = dir.resolve("catalog.json");
            new CacheFile(file).write(CatalogState.of(7, List.of(GREP, SED)));
            int port = Ports.free();
            CatalogClient client =
                    started(builder(URI.create("http://127.0.0.1:" + port)).cacheFile(file));

            assertThat(client.revision()).isEqualTo(7);
            assertThat(client.profiles().tools()).containsOnlyKeys("grep");

            ScriptedNode node = track(ScriptedNode.on(port))
                    .onWatch(since -> since == 7 ? change(7, 8, List.of(AWK), List.of("grep")) : snapshot(99));
            await().until(() -> client.revision() == 8);
            assertThat(client.profiles().tools()).containsOnlyKeys("awk");
            assertThat(node.watchRequests())
                    .extracting(ScriptedNode.ScriptedRequest::since)
                    .containsExactly(7L);
        }

        @Test
        void takesAFullSnapshotWhenTheNodesNeverCommittedTheCachedRevision() throws Exception {
            Path file = dir.resolve("catalog.json");
            new CacheFile(file).write(CatalogState.of(50, List.of(GREP, SED)));
            ScriptedNode node = node().watchStatus(since -> since > 7 ? 409 : 200)
                    .onWatch(since -> since < 0 ? snapshot(7, AWK) : "");
            CatalogClient client = started(builder(node.uri()).cacheFile(file));
            List<CatalogChanged> told = listen(client);

            await().until(() -> client.revision() == 7);
            assertThat(client.profiles().tools()).containsOnlyKeys("awk");
            assertThat(node.watchRequests())
                    .extracting(ScriptedNode.ScriptedRequest::since)
                    .containsExactly(50L, -1L);
            await().until(() -> told.size() == 1);
            assertThat(told.get(0).reset()).isTrue();
            assertThat(told.get(0).removed()).containsExactlyInAnyOrder("grep", "sed");
        }

        @Test
        void ignoresACorruptCacheFileWithAWarningAndWaitsForANode() throws Exception {
            Path file = dir.resolve("catalog.json");
            Files.writeString(file, "{\"revision\": 5, \"tools\": [{\"na");
            ScriptedNode node = node().onWatch(since -> snapshot(2, GREP));
            ListAppender<ILoggingEvent> logged = capture(CacheFile.class);

            CatalogClient client = started(builder(node.uri()).cacheFile(file));

            assertThat(client.revision()).isEqualTo(2);
            assertThat(node.watchRequests().get(0).since()).isEqualTo(-1);
            assertThat(logged.list).anySatisfy(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.WARN);
                assertThat(e.getFormattedMessage()).contains(file.toString(), "ignored");
            });
            await().ignoreExceptions().until(() -> readCache(file).revision() == 2);
        }
    }

    @Nested
    class ChangeListeners {

        @Test
        void tellsEveryListenerOfEveryChangeOnceAndInOrder() throws Exception {
            ScriptedNode node = node().onWatch(since -> snapshot(1, GREP));
            CatalogClient client = started(builder(node.uri()));
            List<CatalogChanged> first = listen(client);
            List<CatalogChanged> second = listen(client);

            StringBuilder events = new StringBuilder();
            for (int r = 2; r <= 51; r++) {
                events.append(change(r - 1, r, List.of(tool("grep", r, r, true, r)), List.of()));
            }
            node.emit(events.toString());

            await().until(() -> first.size() == 50 && second.size() == 50);
            assertThat(first).extracting(CatalogChanged::revision).isSorted().doesNotHaveDuplicates();
            assertThat(first).isEqualTo(second);
        }

        @Test
        void aListenerThatThrowsStopsNeitherTheOthersNorTheStream() throws Exception {
            ScriptedNode node = node().onWatch(since -> snapshot(1, GREP));
            CatalogClient client = started(builder(node.uri()));
            List<Long> thrower = new CopyOnWriteArrayList<>();
            client.onChange(change -> {
                thrower.add(change.revision());
                throw new IllegalStateException("listener bug");
            });
            List<CatalogChanged> other = listen(client);

            node.emit(change(1, 2, List.of(SED), List.of()) + change(2, 3, List.of(AWK), List.of()));

            await().until(() -> other.size() == 2 && client.revision() == 3);
            await().until(() -> thrower.equals(List.of(2L, 3L)));
        }

        @Test
        void aSlowListenerHoldsUpNeitherTheOthersNorTheStream() throws Exception {
            ScriptedNode node = node().onWatch(since -> snapshot(1, GREP));
            CatalogClient client = started(builder(node.uri()));
            CountDownLatch release = new CountDownLatch(1);
            List<Long> slow = new CopyOnWriteArrayList<>();
            client.onChange(change -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                slow.add(change.revision());
            });
            List<CatalogChanged> other = listen(client);

            node.emit(change(1, 2, List.of(SED), List.of()) + change(2, 3, List.of(AWK), List.of()));

            await().until(() -> other.size() == 2 && client.revision() == 3);
            assertThat(slow).isEmpty();
            release.countDown();
            await().until(() -> slow.equals(List.of(2L, 3L)));
        }

        @Test
        void aListenerRegisteredBeforeStartIsToldOfTheFirstState() throws Exception {
            ScriptedNode node = node().onWatch(since -> snapshot(3, GREP, SED));
            CatalogClient client = builder(node.uri()).build();
            resources.add(client);
            List<CatalogChanged> told = listen(client);

            client.start();

            await().until(() -> told.size() == 1);
            CatalogChanged first = told.get(0);
            assertThat(first.reset()).isTrue();
            assertThat(first.fromRevision()).isZero();
            assertThat(first.revision()).isEqualTo(3);
            assertThat(first.changed()).containsExactlyInAnyOrder(GREP, SED);
            assertThat(first.removed()).isEmpty();
        }
    }
}
