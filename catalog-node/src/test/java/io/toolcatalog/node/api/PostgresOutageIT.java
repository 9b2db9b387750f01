package io.toolcatalog.node.api;

import static io.toolcatalog.node.api.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.reload.CatalogSnapshot;
import io.toolcatalog.core.store.CatalogImage;
import io.toolcatalog.core.store.CatalogReads;
import io.toolcatalog.node.testing.TestNodes;
import io.toolcatalog.node.testing.TestNodes.Node;
import io.toolcatalog.testsupport.PrivatePostgres;
import io.toolcatalog.testsupport.TestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL goes away, on a server of the test's own: nodes keep serving their snapshot, writes
 * answer 503 (never 500), health says the database is down, and everything recovers by itself —
 * no acknowledged write lost, every node equal to the database. A node started while PostgreSQL is
 * down answers 503 until it has loaded, then works.
 */
class PostgresOutageIT {

    private static final Map<String, String> QUICK = Map.of(
            "catalog.sync.poll-interval", "200ms",
            "spring.datasource.hikari.connection-timeout", "1000",
            "catalog.sync.max-staleness", "120s");

    private static PrivatePostgres postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = PrivatePostgres.start();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @Test
    void readsAreServedWritesAnswer503AndAllNodesEqualTheDatabaseAfterAnOutage() throws Exception {
        String url = postgres.newSchemaUrl();
        String cluster = TestInfrastructure.newClusterName();
        try (Node a = TestNodes.start(url, cluster, "a", QUICK);
                Node b = TestNodes.start(url, cluster, "b", QUICK)) {
            Api apiA = new Api(a.port());
            Api apiB = new Api(b.port());
            assertThat(create(apiA, "before").status()).isEqualTo(201);
            await().until(() -> apiB.get("/api/v1/tools/before").send().status() == 200);

            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            List<String> wrongAnswers = new CopyOnWriteArrayList<>();
            AtomicBoolean writing = new AtomicBoolean(true);
            Thread writer = new Thread(() -> {
                int i = 0;
                while (writing.get()) {
                    String name = "w-" + i + "-" + UUID.randomUUID().toString().substring(0, 6);
                    Api.Reply reply = create(i++ % 2 == 0 ? apiA : apiB, name);
                    if (reply.status() == 201) {
                        acknowledged.add(name);
                    } else if (reply.status() != 503
                            || reply.header("Retry-After").isEmpty()) {
                        wrongAnswers.add(reply.toString());
                    }
                }
            });
            writer.start();
            await().until(() -> acknowledged.size() >= 3);

            postgres.stop();

            for (Api api : List.of(apiA, apiB)) {
                Api.Reply read = api.get("/api/v1/tools/before").send();
                assertThat(read.status()).as(read.toString()).isEqualTo(200);
                Api.Reply write =
                        create(api, "during-" + UUID.randomUUID().toString().substring(0, 6));
                assertProblem(write, 503);
                assertThat(write.header("Retry-After")).isPresent();
                Api.Reply versions = api.get("/api/v1/tools/before/versions").send();
                assertProblem(versions, 503);
                assertThat(versions.header("Retry-After")).isPresent();
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(apiA.get("/actuator/health/catalog")
                            .send()
                            .json()
                            .path("details")
                            .path("database")
                            .path("status")
                            .asText())
                    .isEqualTo("DOWN"));
            assertThat(a.bean(MeterRegistry.class)
                            .get("catalog.database.up")
                            .gauge()
                            .value())
                    .isZero();
            Api.Reply readiness = apiA.get("/actuator/health/readiness").send();
            assertThat(readiness.status())
                    .as("within max-staleness a node with a snapshot stays ready")
                    .isEqualTo(200);

            postgres.startServer();

            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            create(apiA, "after-" + UUID.randomUUID().toString().substring(0, 6))
                                            .status()
                                    == 201);
            int before = acknowledged.size();
            await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() > before + 2);
            writing.set(false);
            writer.join();

            assertThat(wrongAnswers).isEmpty();
            assertThat(databaseNames(url)).containsAll(acknowledged);
            CatalogImage database = a.bean(CatalogReads.class).readAll();
            String digest =
                    CatalogSnapshot.of(database.revision(), database.tools()).digest();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(List.of(a, b))
                    .extracting(n -> n.bean(CatalogReloader.class).snapshot())
                    .allSatisfy(snapshot -> {
                        assertThat(snapshot.revision()).isEqualTo(database.revision());
                        assertThat(snapshot.digest()).isEqualTo(digest);
                    }));
            assertThat(apiA.get("/actuator/health/catalog")
                            .send()
                            .json()
                            .path("details")
                            .path("database")
                            .path("status")
                            .asText())
                    .isEqualTo("UP");
        } finally {
            ensureRunning();
        }
    }

    @Test
    void aNodeStartedWhilePostgresIsDownAnswers503UntilItHasLoadedThenWorks() {
        String url = postgres.newSchemaUrl();
        postgres.stop();
        try (Node node = TestNodes.start(url, TestInfrastructure.newClusterName(), "late", QUICK)) {
            Api api = new Api(node.port());

            Api.Reply read = api.get("/api/v1/tools").send();
            assertProblem(read, 503);
            assertThat(read.header("Retry-After")).isPresent();
            assertProblem(create(api, "too-early"), 503);
            assertThat(api.get("/actuator/health/readiness").send().status()).isEqualTo(503);
            assertThat(api.get("/actuator/health/liveness").send().status()).isEqualTo(200);

            postgres.startServer();

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> api.get("/api/v1/tools").send().status() == 200);
            assertThat(create(api, "now-it-works").status()).isEqualTo(201);
            assertThat(api.get("/api/v1/tools/now-it-works").send().status()).isEqualTo(200);
            assertThat(api.get("/actuator/health/readiness").send().status()).isEqualTo(200);
        } finally {
            ensureRunning();
        }
    }

    private static Api.Reply create(Api api, String name) {
        return api.post("/api/v1/tools")
                .token(TestNodes.EDITOR_TOKEN)
                .json(ApiTestSupport.toolJson(name, "Tool " + name))
                .send();
    }

    private static void ensureRunning() {
        try (Connection c = DriverManager.getConnection(postgres.baseUrl(), "postgres", "")) {
            c.isValid(1);
        } catch (SQLException e) {
            postgres.startServer();
        }
    }

    private static Set<String> databaseNames(String url) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT name FROM tools")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
