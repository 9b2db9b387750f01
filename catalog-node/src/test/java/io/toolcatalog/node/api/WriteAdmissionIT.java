package io.toolcatalog.node.api;

import static io.toolcatalog.node.api.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.toolcatalog.core.history.ReloadEvent;
import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.write.WriteTransactions;
import io.toolcatalog.node.CatalogNodeApplication;
import io.toolcatalog.node.testing.CatalogTestInitializer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * Writers never starve the node: writes are admitted up to a bound below the connection pool
 * (the rest answer 503 at once), a write waits for the revision lock at most the lock timeout
 * (then 503), and reads of the snapshot keep answering while writes are in flight.
 */
@SpringBootTest(
        classes = CatalogNodeApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"catalog.writes.max-concurrent=4", "catalog.writes.lock-timeout=2s"})
@ContextConfiguration(initializers = CatalogTestInitializer.class)
class WriteAdmissionIT {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    WriteTransactions writes;

    @Autowired
    CatalogReloader reloader;

    @Autowired
    MeterRegistry registry;

    @Value("${spring.datasource.url}")
    String jdbcUrl;

    private Api.Reply create(Api api, String name) {
        return api.post("/api/v1/tools")
                .token(ApiTestSupport.EDITOR)
                .json(ApiTestSupport.toolJson(name, "Tool " + name))
                .send();
    }

    @Test
    void fiftyWritersAndATenThousandToolImportGet2xxOr503WhileReadsKeepAnswering() {
        Api api = new Api(port);
        String target = "target-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(create(api, target).status()).isEqualTo(201);
        String tools = IntStream.range(0, 10_000)
                .mapToObj(i -> ApiTestSupport.toolJson("bulk-" + i, "Bulk tool " + i))
                .collect(Collectors.joining(",", "{\"tools\": [", "]}"));
        ExecutorService clients = Executors.newFixedThreadPool(51);
        try {
            CompletableFuture<Api.Reply> bulk = CompletableFuture.supplyAsync(
                    () -> api.post("/api/v1/tools/import")
                            .token(ApiTestSupport.ADMIN)
                            .json(tools)
                            .send(),
                    clients);
            await().atMost(Duration.ofSeconds(30)).until(() -> writes.inFlight() >= 1 || bulk.isDone());
            List<CompletableFuture<Api.Reply>> writers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String name = "writer-" + i + "-" + UUID.randomUUID().toString().substring(0, 6);
                writers.add(CompletableFuture.supplyAsync(() -> create(api, name), clients));
            }

            int readsDuringWrites = 0;
            while (!bulk.isDone()) {
                boolean writing = writes.inFlight() > 0;
                Api.Reply read = api.get("/api/v1/tools/" + target).send();
                assertThat(read.status()).as(read.toString()).isEqualTo(200);
                if (writing && writes.inFlight() > 0 && !bulk.isDone()) {
                    readsDuringWrites++;
                }
            }

            assertThat(readsDuringWrites)
                    .as("reads answered while writes were in flight")
                    .isGreaterThan(0);
            List<Api.Reply> replies = new ArrayList<>();
            replies.add(bulk.join());
            writers.forEach(w -> replies.add(w.join()));
            assertThat(replies)
                    .allSatisfy(reply ->
                            assertThat(reply.status()).as(reply.toString()).isIn(200, 201, 503));
            assertThat(replies).filteredOn(r -> r.status() == 503).allSatisfy(r -> {
                assertProblem(r, 503);
                assertThat(r.header("Retry-After")).isPresent();
            });
            assertThat(replies).as("the bound turned writers away").anyMatch(r -> r.status() == 503);
            long revision = new JdbcTemplate(dataSource)
                    .queryForObject("SELECT revision FROM catalog_state WHERE id = 1", Long.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> reloader.applied() == revision);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void theNodesOwnSyncDoesNotQueueBehindWritersForConnections() throws Exception {
        List<Connection> writersPool = new ArrayList<>();
        try {
            // every connection of the pool writes use, taken: as fifty writers stuck behind a lock would
            for (int i = 0; i < 10; i++) {
                writersPool.add(dataSource.getConnection());
            }
            try (Connection other = DriverManager.getConnection(jdbcUrl, "postgres", "");
                    Statement statement = other.createStatement()) {
                statement.execute("UPDATE catalog_state SET revision = revision + 1 WHERE id = 1");
            }

            ReloadEvent event = reloader.catchUp();

            assertThat(event).isNotNull();
            assertThat(event.success()).as(String.valueOf(event.errorMessage())).isTrue();
            assertThat(event.durationMs()).isLessThan(2_000);
        } finally {
            for (Connection connection : writersPool) {
                connection.close();
            }
        }
    }

    @Test
    void aWriteThatCannotGetTheRevisionLockWithinTheLockTimeoutAnswers503() throws Exception {
        Api api = new Api(port);
        String name = "locked-out-" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection holder = dataSource.getConnection();
                Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            statement.execute("SELECT revision FROM catalog_state WHERE id = 1 FOR UPDATE");

            Api.Reply reply = create(api, name);

            assertProblem(reply, 503);
            assertThat(reply.header("Retry-After")).isPresent();
            assertThat(reply.json().path("detail").asText()).contains("nothing was written");
            holder.rollback();
        }
        assertThat(new JdbcTemplate(dataSource)
                        .queryForObject("SELECT count(*) FROM tools WHERE name = ?", Long.class, name))
                .isZero();
    }
}
