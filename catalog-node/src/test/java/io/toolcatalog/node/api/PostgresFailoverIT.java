package io.toolcatalog.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.reload.CatalogSnapshot;
import io.toolcatalog.core.store.CatalogImage;
import io.toolcatalog.core.store.CatalogReads;
import io.toolcatalog.node.testing.TestNodes;
import io.toolcatalog.node.testing.TestNodes.Node;
import io.toolcatalog.testsupport.PrivatePostgres;
import io.toolcatalog.testsupport.TestInfrastructure;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL primary with a synchronous streaming standby, both of the test's own; two nodes on
 * the multi-host JDBC URL ({@code targetServerType=primary}) with their default pool settings. The
 * primary is SIGKILLed while writers run through every node, then the standby is promoted. Writes
 * answer 503 problem+json meanwhile (never 500, never a dropped connection), every write answered
 * 2xx is in the new primary at the revision it was answered with, a 503 that says nothing was
 * written wrote nothing, revisions stay dense, every node converges on the new primary, and writes
 * work again on every node soon after the promotion. Prints the figures (lines starting
 * "failover").
 */
class PostgresFailoverIT {

    private static final String STANDBY = "catalog_standby";

    /**
     * How soon after the promotion every node must have answered a write begun after it. Without the
     * pools' steady reconnect (ReconnectingDataSource) this took 2.6–5 s here: Hikari's backoff.
     */
    private static final Duration WRITES_BACK_WITHIN = Duration.ofSeconds(3);

    private PrivatePostgres primary;
    private PrivatePostgres standby;

    @BeforeEach
    void startPrimaryAndSynchronousStandby() {
        primary = PrivatePostgres.start(Map.of("synchronous_standby_names", STANDBY));
        standby = primary.startStandby(STANDBY);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "sync".equals(queryOne(primary.baseUrl(), "SELECT sync_state FROM pg_stat_replication")));
    }

    @AfterEach
    void stopServers() {
        if (standby != null) {
            standby.close();
        }
        if (primary != null) {
            primary.close();
        }
    }

    @Test
    void nodesMoveToThePromotedStandbyWithNothingAcknowledgedLostAndRevisionsDense() throws Exception {
        String schema = TestInfrastructure.schemaOf(primary.newSchemaUrl());
        String url = "jdbc:postgresql://127.0.0.1:" + primary.port() + ",127.0.0.1:" + standby.port()
                + "/postgres?targetServerType=primary&currentSchema=" + schema;
        String cluster = TestInfrastructure.newClusterName();
        try (Node a = TestNodes.start(url, cluster, "a");
                Node b = TestNodes.start(url, cluster, "b")) {
            List<Node> nodes = List.of(a, b);
            Writers writers =
                    new Writers(nodes.stream().map(n -> new Api(n.port())).toList());
            writers.start(3);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> writers.acknowledged().size() >= 20);

            long killedAt = System.nanoTime();
            primary.kill();
            // the failover manager's part: promote once every node has met the outage for a while (each
            // node's pools have been refused for seconds, as with a failover manager's detection time)
            await().atMost(Duration.ofSeconds(30)).until(() -> writers.answeredOnEveryNodeSince(killedAt, 503, 2));
            long promoteFrom = System.nanoTime();
            standby.promote();
            long promotedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(20)).until(() -> writers.answeredOnEveryNodeSince(promotedAt, 201, 1));
            int acknowledgedNow = writers.acknowledged().size();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> writers.acknowledged().size() >= acknowledgedNow + 30);
            writers.stop();

            FailoverFigures figures = new FailoverFigures(writers.outcomes(), killedAt, promoteFrom, promotedAt);
            figures.print();
            assertThat(writers.failures())
                    .as("answers other than 201 or a 503 problem")
                    .isEmpty();
            assertThat(figures.slowestNodeBackAfterPromotion())
                    .as("every node answered a write begun after the promotion within")
                    .isLessThanOrEqualTo(WRITES_BACK_WITHIN);

            String newPrimary = "jdbc:postgresql://127.0.0.1:" + standby.port() + "/postgres?currentSchema=" + schema;
            assertAcknowledgedWritesAreThereAndRevisionsDense(newPrimary, writers.outcomes());
            CatalogImage database = a.bean(CatalogReads.class).readAll();
            assertThat(database.revision()).isEqualTo(queryLong(newPrimary, "SELECT revision FROM catalog_state"));
            String digest =
                    CatalogSnapshot.of(database.revision(), database.tools()).digest();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(nodes)
                    .extracting(n -> n.bean(CatalogReloader.class).snapshot())
                    .allSatisfy(snapshot -> {
                        assertThat(snapshot.revision()).isEqualTo(database.revision());
                        assertThat(snapshot.digest()).isEqualTo(digest);
                    }));
        }
    }

    private static void assertAcknowledgedWritesAreThereAndRevisionsDense(
            String url, List<Writers.FailoverOutcome> outcomes) throws SQLException {
        Map<Long, Set<String>> changes = new HashMap<>();
        Set<String> tools = new HashSet<>();
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT revision, tool_names FROM catalog_changes")) {
                while (rs.next()) {
                    Array names = rs.getArray(2);
                    changes.put(rs.getLong(1), new HashSet<>(Arrays.asList((String[]) names.getArray())));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT name FROM tools")) {
                while (rs.next()) {
                    tools.add(rs.getString(1));
                }
            }
        }
        long highest =
                changes.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        long lowest = changes.keySet().stream().mapToLong(Long::longValue).min().orElseThrow();
        assertThat(changes).as("catalog_changes is dense").hasSize((int) (highest - lowest + 1));
        assertThat(highest).isEqualTo(queryLong(url, "SELECT revision FROM catalog_state"));

        List<Long> acknowledgedRevisions = new ArrayList<>();
        for (Writers.FailoverOutcome outcome : outcomes) {
            if (outcome.status() == 201) {
                assertThat(tools).as("acknowledged " + outcome).contains(outcome.name());
                assertThat(changes.get(outcome.revision()))
                        .as("the change at the revision " + outcome + " was answered with")
                        .isNotNull()
                        .contains(outcome.name());
                acknowledgedRevisions.add(outcome.revision());
            } else if (outcome.nothingWritten()) {
                assertThat(tools).as("answered nothing written: " + outcome).doesNotContain(outcome.name());
            }
        }
        assertThat(acknowledgedRevisions).as("no revision answered twice").doesNotHaveDuplicates();
    }

    private static String queryOne(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            return null;
        }
    }

    private static long queryLong(String url, String sql) {
        return Long.parseLong(queryOne(url, sql));
    }

    /** Closed-loop writers creating tools round-robin over the nodes; every answer is kept. */
    static final class Writers {

        record FailoverOutcome(
                String name,
                int node,
                long startedAt,
                long answeredAt,
                int status,
                long revision,
                boolean nothingWritten) {}

        private final List<Api> apis;
        private final List<FailoverOutcome> outcomes = new CopyOnWriteArrayList<>();
        private final List<String> failures = new CopyOnWriteArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        Writers(List<Api> apis) {
            this.apis = apis;
        }

        void start(int count) {
            for (int t = 0; t < count; t++) {
                int writer = t;
                Thread thread = new Thread(() -> write(writer), "failover-writer-" + t);
                threads.add(thread);
                thread.start();
            }
        }

        private void write(int writer) {
            for (int i = writer; running.get(); i++) {
                int node = i % apis.size();
                String name = "w" + writer + "-" + i + "-"
                        + UUID.randomUUID().toString().substring(0, 6);
                long startedAt = System.nanoTime();
                Api.Reply reply;
                try {
                    reply = apis.get(node)
                            .post("/api/v1/tools")
                            .token(TestNodes.EDITOR_TOKEN)
                            .json(ApiTestSupport.toolJson(name, "Tool " + name))
                            .send();
                } catch (RuntimeException e) {
                    failures.add(name + ": " + e);
                    continue;
                }
                long answeredAt = System.nanoTime();
                boolean problem503 = reply.status() == 503
                        && reply.contentType().startsWith("application/problem+json")
                        && reply.header("Retry-After").isPresent();
                if (reply.status() != 201 && !problem503) {
                    failures.add(name + ": " + reply);
                    continue;
                }
                long revision = reply.status() == 201 ? reply.revisionHeader() : -1;
                boolean nothingWritten = reply.status() == 503 && reply.body().contains("nothing was written");
                outcomes.add(new FailoverOutcome(
                        name, node, startedAt, answeredAt, reply.status(), revision, nothingWritten));
            }
        }

        List<FailoverOutcome> outcomes() {
            return List.copyOf(outcomes);
        }

        List<String> acknowledged() {
            return outcomes.stream()
                    .filter(o -> o.status() == 201)
                    .map(FailoverOutcome::name)
                    .toList();
        }

        List<String> failures() {
            return List.copyOf(failures);
        }

        /** Whether every node answered {@code status} at least {@code times} to writes begun at or after {@code since}. */
        boolean answeredOnEveryNodeSince(long since, int status, int times) {
            return IntStream.range(0, apis.size())
                    .allMatch(node -> outcomes.stream()
                                    .filter(o -> o.node() == node && o.startedAt() >= since && o.status() == status)
                                    .count()
                            >= times);
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join();
            }
        }
    }
}
