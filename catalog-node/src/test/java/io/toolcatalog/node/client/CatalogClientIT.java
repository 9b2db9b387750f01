package io.toolcatalog.node.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.toolcatalog.client.CatalogChanged;
import io.toolcatalog.client.CatalogClient;
import io.toolcatalog.client.CatalogClientBuilder;
import io.toolcatalog.core.store.CatalogImage;
import io.toolcatalog.core.store.CatalogReads;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.node.testing.TestCluster;
import io.toolcatalog.node.testing.TestNodes.Node;
import io.toolcatalog.testsupport.Ports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The Java client against a real three-node cluster (one PostgreSQL schema, one Redis prefix):
 * failover while the catalog changes, starting from the cache file with every node down, a corrupt
 * cache file, isolated listeners, read-your-writes.
 */
class CatalogClientIT {

    private static final org.slf4j.Logger log = LoggerFactory.getLogger(CatalogClientIT.class);

    private static TestCluster cluster;

    private final List<AutoCloseable> resources = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void startCluster() {
        cluster = TestCluster.start("node", 3, Map.of());
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @AfterEach
    void closeResources() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void movesToAnotherNodeWhenItsNodeStopsAndEndsEqualToTheDatabaseTellingEveryChangeOnceInOrder() throws Exception {
        Node streamedFrom = cluster.startNode("node-doomed", Map.of());
        CatalogClient client = started(
                builder(streamedFrom, cluster.nodes().get(0), cluster.nodes().get(1)));
        List<CatalogChanged> told = listen(client);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(2);
        resources.add(writers::shutdownNow);
        List<Future<Integer>> writing = List.of(
                writers.submit(
                        () -> mutate(new NodeWrites(cluster.nodes().get(1).baseUrl()), stop)),
                writers.submit(
                        () -> mutate(new NodeWrites(cluster.nodes().get(2).baseUrl()), stop)));
        await().until(() -> stillWriting(writing) && told.size() >= 10);

        streamedFrom.close();
        long closedAt = database().revision();
        await().until(() -> stillWriting(writing) && database().revision() >= closedAt + 20);
        stop.set(true);
        int written = 0;
        for (Future<Integer> writer : writing) {
            written += writer.get();
        }

        CatalogImage truth = database();
        await().atMost(Duration.ofSeconds(30)).until(() -> client.revision() == truth.revision());
        assertEqualsDatabase(client, truth);
        assertThat(written).isGreaterThanOrEqualTo(20);
        assertChained(told, truth.revision());
    }

    @Test
    void startsFromTheCacheFileWithEveryNodeDownThenCatchesUpWhenANodeComesUp() throws Exception {
        Path cache = dir.resolve("catalog.json");
        NodeWrites writes = new NodeWrites(cluster.nodes().get(0).baseUrl());
        String name = unique("cached");
        writes.create(name, 1111);
        try (CatalogClient first =
                builder(cluster.nodes().get(0)).cacheFile(cache).build()) {
            first.start();
            assertThat(first.awaitRevision(database().revision(), Duration.ofSeconds(10)))
                    .isTrue();
        }
        long cachedAt = database().revision();
        String later = unique("later");
        writes.create(later, 2222);
        writes.disable(name);
        int port = Ports.free();

        CatalogClient client = started(CatalogClient.builder()
                .endpoints(URI.create("http://127.0.0.1:" + port))
                .cacheFile(cache)
                .backoff(Duration.ofMillis(50), Duration.ofMillis(500)));

        assertThat(client.revision()).isEqualTo(cachedAt);
        assertThat(client.profiles().tools().get(name).get("default").timeoutMs())
                .isEqualTo(1111);
        assertThat(client.tool(later)).isEmpty();

        Node comesUp = cluster.startNode("node-late", Map.of("server.port", String.valueOf(port)));
        resources.add(comesUp);
        CatalogImage truth = database();
        await().atMost(Duration.ofSeconds(30)).until(() -> client.revision() == truth.revision());
        assertEqualsDatabase(client, truth);
        assertThat(client.profiles().tools()).containsKey(later).doesNotContainKey(name);
    }

    @Test
    void ignoresACorruptCacheFileWithAWarning() throws Exception {
        Path cache = dir.resolve("catalog.json");
        Files.writeString(cache, "{\"revision\": 999999, \"tools\": [{\"name\": \"gre");
        new NodeWrites(cluster.nodes().get(1).baseUrl()).create(unique("fresh"), 3000);
        Logger logger = (Logger) LoggerFactory.getLogger("io.toolcatalog.client.CacheFile");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        resources.add(() -> logger.detachAppender(logged));

        CatalogClient client = started(builder(cluster.nodes().get(1)).cacheFile(cache));

        assertThat(logged.list).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).contains(cache.toString(), "ignored");
        });
        CatalogImage truth = database();
        await().until(() -> client.revision() == truth.revision());
        assertEqualsDatabase(client, truth);
        await().ignoreExceptions().until(() -> Files.readString(cache).contains("\"revision\":" + truth.revision()));
    }

    @Test
    void aListenerThatThrowsOrIsSlowStopsNeitherTheOthersNorTheStream() throws Exception {
        CatalogClient client =
                started(builder(cluster.nodes().get(2), cluster.nodes().get(0)));
        List<Long> thrower = new CopyOnWriteArrayList<>();
        client.onChange(change -> {
            thrower.add(change.revision());
            throw new IllegalStateException("a listener's bug");
        });
        CountDownLatch release = new CountDownLatch(1);
        List<CatalogChanged> slow = new CopyOnWriteArrayList<>();
        client.onChange(change -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            slow.add(change);
        });
        List<CatalogChanged> healthy = listen(client);
        long from = client.revision();

        NodeWrites writes = new NodeWrites(cluster.nodes().get(0).baseUrl());
        for (int i = 0; i < 15; i++) {
            writes.create(unique("listened"), 100 + i);
        }

        CatalogImage truth = database();
        await().until(() -> client.revision() == truth.revision());
        assertEqualsDatabase(client, truth);
        await().until(() ->
                !healthy.isEmpty() && healthy.get(healthy.size() - 1).revision() == truth.revision());
        assertChained(healthy, truth.revision());
        assertThat(healthy.get(0).fromRevision()).isEqualTo(from);
        await().until(() -> !thrower.isEmpty() && thrower.get(thrower.size() - 1) == truth.revision());
        assertThat(thrower)
                .isEqualTo(healthy.stream().map(CatalogChanged::revision).toList());
        assertThat(slow).isEmpty();

        release.countDown();

        await().until(() -> slow.size() == healthy.size());
        assertThat(slow).isEqualTo(healthy);
    }

    @Test
    void awaitRevisionGivesReadYourWritesAcrossNodes() throws Exception {
        CatalogClient client = started(builder(cluster.nodes().get(2)));
        NodeWrites writes = new NodeWrites(cluster.nodes().get(0).baseUrl());
        String name = unique("ryw");
        writes.create(name, 500);

        long[] waitedMicros = new long[50];
        for (int i = 0; i < waitedMicros.length; i++) {
            long revision = writes.describe(name, "edit " + i);

            long start = System.nanoTime();
            assertThat(client.awaitRevision(revision, Duration.ofSeconds(5))).isTrue();
            waitedMicros[i] = (System.nanoTime() - start) / 1000;
            assertThat(client.tool(name).orElseThrow().description()).isEqualTo("edit " + i);
        }
        Arrays.sort(waitedMicros);
        log.info(
                "Write answered on one node -> the client following another holds it: p50 {} us, max {} us over {} writes",
                waitedMicros[waitedMicros.length / 2],
                waitedMicros[waitedMicros.length - 1],
                waitedMicros.length);
    }

    @Test
    void servesProfilesInTheShapeOfTheNodesProfiles() throws Exception {
        new NodeWrites(cluster.nodes().get(0).baseUrl()).create(unique("shape"), 4321);
        CatalogClient client = started(builder(cluster.nodes().get(1)));
        CatalogImage truth = database();
        await().until(() -> client.revision() == truth.revision());

        HttpResponse<String> served = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(cluster.nodes().get(1).baseUrl() + "/api/v1/profiles"))
                                .header("X-Catalog-Min-Revision", String.valueOf(truth.revision()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        ObjectMapper json = new ObjectMapper();
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(json.readTree(json.writeValueAsString(client.profiles()))).isEqualTo(json.readTree(served.body()));
    }

    @Test
    void isListedAmongTheClustersConsumersAtTheRevisionItHolds() throws Exception {
        String consumer = unique("pipeline");
        CatalogClient client = started(builder(cluster.nodes().get(1)).consumerId(consumer));
        long revision = new NodeWrites(cluster.nodes().get(0).baseUrl()).create(unique("seen"), 700);
        assertThat(client.awaitRevision(revision, Duration.ofSeconds(10))).isTrue();
        ObjectMapper json = new ObjectMapper();
        HttpRequest consumers = HttpRequest.newBuilder(
                        URI.create(cluster.nodes().get(2).baseUrl() + "/api/v1/cluster/consumers"))
                .build();

        await().untilAsserted(() -> {
            String body = HttpClient.newHttpClient()
                    .send(consumers, HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(json.readTree(body).path("consumers")).anySatisfy(entry -> {
                assertThat(entry.path("consumer_id").asText()).isEqualTo(consumer);
                assertThat(entry.path("node_id").asText())
                        .isEqualTo(cluster.nodes().get(1).id());
                assertThat(entry.path("delivered_revision").asLong()).isEqualTo(client.revision());
            });
        });
    }

    // ---- helpers

    /** Creates, edits, disables and deletes tools of its own until {@code stop}; returns how many writes it made. */
    private static int mutate(NodeWrites writes, AtomicBoolean stop) {
        String prefix = unique("w");
        List<String> live = new ArrayList<>();
        int done = 0;
        while (!stop.get()) {
            int choice = done % 5;
            if (live.size() < 3 || choice == 0) {
                String name = prefix + "-" + done;
                writes.create(name, done + 1);
                live.add(name);
            } else if (choice <= 2) {
                writes.describe(live.get(done % live.size()), "edit " + done);
            } else if (choice == 3) {
                writes.disable(live.get(done % live.size()));
            } else {
                writes.delete(live.remove(done % live.size()));
            }
            done++;
        }
        return done;
    }

    /** True while no writer has failed; a failed writer's exception ends the test. */
    private static boolean stillWriting(List<Future<Integer>> writers) throws Exception {
        for (Future<Integer> writer : writers) {
            if (writer.isDone()) {
                writer.get();
            }
        }
        return true;
    }

    private static CatalogImage database() {
        return cluster.nodes().get(0).bean(CatalogReads.class).readAll();
    }

    /** The client holds exactly the database's tools (name, version, enabled, description, profiles) at its revision. */
    private static void assertEqualsDatabase(CatalogClient client, CatalogImage truth) {
        assertThat(client.revision()).isEqualTo(truth.revision());
        Map<String, String> expected = new TreeMap<>();
        for (Tool tool : truth.tools()) {
            expected.put(
                    tool.name(),
                    tool.version() + "/" + tool.enabled() + "/" + tool.description() + "/"
                            + tool.profiles().get("default").timeoutMs());
        }
        Map<String, String> held = new TreeMap<>();
        for (String name : expected.keySet()) {
            client.tool(name)
                    .ifPresent(tool -> held.put(
                            name,
                            tool.version() + "/" + tool.enabled() + "/" + tool.description() + "/"
                                    + tool.profiles().get("default").timeoutMs()));
        }
        assertThat(held).isEqualTo(expected);
        assertThat(client.profiles().tools().keySet())
                .isEqualTo(truth.tools().stream()
                        .filter(Tool::enabled)
                        .map(Tool::name)
                        .collect(Collectors.toSet()));
    }

    /** Each change starts where the one before ended, revisions only go up, and the last is {@code last}. */
    private static void assertChained(List<CatalogChanged> told, long last) {
        assertThat(told).isNotEmpty();
        for (int i = 1; i < told.size(); i++) {
            assertThat(told.get(i).fromRevision())
                    .as("change %d starts where change %d ended", i, i - 1)
                    .isEqualTo(told.get(i - 1).revision());
            assertThat(told.get(i).revision()).isGreaterThan(told.get(i).fromRevision());
        }
        assertThat(told.get(told.size() - 1).revision()).isEqualTo(last);
    }

    private CatalogClientBuilder builder(Node... endpoints) {
        URI[] uris = new URI[endpoints.length];
        for (int i = 0; i < endpoints.length; i++) {
            uris[i] = URI.create(endpoints[i].baseUrl());
        }
        return CatalogClient.builder()
                .endpoints(uris)
                .consumerId("client-it")
                .backoff(Duration.ofMillis(50), Duration.ofMillis(500));
    }

    private CatalogClient started(CatalogClientBuilder builder) throws InterruptedException {
        CatalogClient client = builder.build();
        resources.add(client);
        return client.start();
    }

    private static List<CatalogChanged> listen(CatalogClient client) {
        List<CatalogChanged> told = new CopyOnWriteArrayList<>();
        client.onChange(told::add);
        return told;
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
