package io.toolcatalog.node.api;

import static io.toolcatalog.node.api.Problems.assertBadRequest;
import static io.toolcatalog.node.api.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.reload.MinRevisionGate;
import io.toolcatalog.core.store.CatalogReads;
import io.toolcatalog.node.testing.TestNodes;
import io.toolcatalog.node.testing.TestNodes.Node;
import io.toolcatalog.testsupport.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code X-Catalog-Min-Revision} is no lever for anonymous callers: malformed values are 400s, a
 * revision the database never committed is a 409 at once, and reads waiting for a committed
 * revision sleep without a connection or a lock — a bounded number of them, the rest answered 503
 * at once — so health probes and ordinary reads never queue behind them.
 */
class MinRevisionIT {

    private static final String HEADER = "X-Catalog-Min-Revision";
    private static final int MAX_WAITERS = 40;

    private static String url;
    /** The node under test: it hears nothing from {@link #writer} and polls rarely. */
    private static Node reader;
    /** Another node on the same database, in another cluster: its writes reach the reader only by catch-up. */
    private static Node writer;

    @BeforeAll
    static void startNodes() {
        url = TestInfrastructure.newSchemaUrl();
        reader = TestNodes.start(
                url,
                TestInfrastructure.newClusterName(),
                "reader",
                Map.of(
                        "catalog.sync.poll-interval", "1h",
                        "catalog.sync.min-revision-wait", "60s",
                        "catalog.sync.max-revision-waiters", String.valueOf(MAX_WAITERS)));
        writer = TestNodes.start(url, TestInfrastructure.newClusterName(), "writer");
    }

    @AfterAll
    static void stopNodes() {
        writer.close();
        reader.close();
    }

    private static Api.Reply readWith(String value) {
        return new Api(reader.port()).get("/api/v1/tools").header(HEADER, value).send();
    }

    private static long write(String name) {
        Api.Reply reply = new Api(writer.port())
                .post("/api/v1/tools")
                .token(TestNodes.EDITOR_TOKEN)
                .json(ApiTestSupport.toolJson(name, "Tool " + name))
                .send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.revisionHeader();
    }

    @Test
    void aValueThatIsNotANonNegativeIntegerIsA400NamingTheHeader() {
        for (String value :
                List.of("abc", "-1", "9223372036854775808", "99999999999999999999999", "1.5", "+3", "0x10")) {
            assertBadRequest(readWith(value), HEADER, "is not a revision");
        }
    }

    @Test
    void aRevisionAboveTheDatabasesIsRefusedAtOnceWith409() {
        long database = reader.bean(CatalogReads.class).revision();

        for (String value : List.of(String.valueOf(database + 1), String.valueOf(Long.MAX_VALUE))) {
            Api.Reply reply = readWith(value);
            assertProblem(reply, 409);
            assertThat(reply.json().path("field").asText()).isEqualTo(HEADER);
            assertThat(reply.json().path("detail").asText()).contains("never committed");
        }
        assertThat(reader.bean(MinRevisionGate.class).waiting()).isZero();
    }

    @Test
    void anAppliedRevisionIsServedAtOnce() {
        Api.Reply reply =
                readWith(String.valueOf(reader.bean(CatalogReloader.class).applied()));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }

    @Test
    void waitersParkWithoutConnectionsBoundedInNumberAndWakeWhenTheRevisionIsApplied() throws Exception {
        String known = "known-" + System.nanoTime();
        long knownAt = write(known);
        // the reader hears nothing from the writer: asking for the revision makes it catch up
        assertThat(readWith(String.valueOf(knownAt)).status()).isEqualTo(200);
        long revision = write("awaited-" + System.nanoTime());
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(8))
                .build();
        List<CompletableFuture<HttpResponse<String>>> waiters = new ArrayList<>();
        try (Connection lock = DriverManager.getConnection(url, "postgres", "");
                Statement statement = lock.createStatement()) {
            // the reader's catch-up cannot read the tools until the test lets go: revision stays unapplied
            lock.setAutoCommit(false);
            statement.execute("LOCK TABLE tools IN ACCESS EXCLUSIVE MODE");

            for (int i = 0; i < 250; i++) {
                waiters.add(http.sendAsync(
                        HttpRequest.newBuilder(URI.create(reader.baseUrl() + "/api/v1/tools/" + known))
                                .header(HEADER, String.valueOf(revision))
                                .timeout(Duration.ofSeconds(90))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            MinRevisionGate gate = reader.bean(MinRevisionGate.class);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> gate.waiting() == MAX_WAITERS
                            && waiters.stream()
                                            .filter(CompletableFuture::isDone)
                                            .count()
                                    == 250 - MAX_WAITERS);

            Api api = new Api(reader.port());
            Api.Reply liveness = api.get("/actuator/health/liveness").send();
            Api.Reply read = api.get("/api/v1/tools/" + known).send();

            assertThat(liveness.status()).isEqualTo(200);
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            assertThat(gate.waiting()).as("the waiters are still parked").isEqualTo(MAX_WAITERS);
            assertThat(waiters.stream().filter(f -> !f.isDone()).count()).isEqualTo(MAX_WAITERS);
            for (CompletableFuture<HttpResponse<String>> done :
                    waiters.stream().filter(CompletableFuture::isDone).toList()) {
                assertThat(done.join().statusCode()).isEqualTo(503);
                assertThat(done.join().headers().firstValue("Retry-After")).isPresent();
                assertThat(done.join().body()).contains("already waiting");
            }
            lock.rollback();
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> waiters.stream().allMatch(CompletableFuture::isDone));
        List<HttpResponse<String>> woken = waiters.stream()
                .map(CompletableFuture::join)
                .filter(r -> r.statusCode() != 503)
                .toList();
        assertThat(woken).hasSize(MAX_WAITERS).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(Long.parseLong(
                            r.headers().firstValue("X-Catalog-Revision").orElseThrow()))
                    .isGreaterThanOrEqualTo(revision);
        });
        assertThat(reader.bean(MinRevisionGate.class).waiting()).isZero();
        assertThat(reader.bean(MeterRegistry.class)
                        .get("catalog.min.revision.refused")
                        .tag("reason", "too_many_waiters")
                        .functionCounter()
                        .count())
                .isGreaterThanOrEqualTo(250 - MAX_WAITERS);
        ((ExecutorService) http.executor().orElseThrow()).shutdownNow();
    }
}
