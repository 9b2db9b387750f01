package io.toolcatalog.node.catalog;

import static io.toolcatalog.testsupport.MeasuredDatabase.STATS_FLUSH;
import static io.toolcatalog.testsupport.MeasuredDatabase.pause;
import static io.toolcatalog.testsupport.MeasuredDatabase.percentile;
import static io.toolcatalog.testsupport.MeasuredDatabase.sql;
import static io.toolcatalog.testsupport.MeasuredDatabase.xactCommit;

import io.toolcatalog.core.testing.ToolDrafts;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.write.CatalogEditor;
import io.toolcatalog.core.write.ImportMode;
import io.toolcatalog.node.testing.TestNodes;
import io.toolcatalog.node.testing.TestNodes.Node;
import io.toolcatalog.testsupport.TestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Not a test (no assertion, not matched by surefire or failsafe): measures what group commit buys
 * on one node, off ({@code catalog.writes.max-group=1}, every write a transaction of its own, as
 * before) and on (16), in the same run, on two nodes with a database each, measured off, on, on,
 * off for each load: the highest sustained update rate of a closed loop of 1, 16 and 32 writers
 * calling the node's editor, their latency, and PostgreSQL transactions
 * per mutation from {@code pg_stat_database.xact_commit} of a database of its own, net of the idle
 * revision poll. Run with: {@code ./mvnw -B -pl catalog-node -am test -Dspotless.check.skip=true
 * -Dtest=GroupCommitMeasurement -Dsurefire.failIfNoSpecifiedTests=false} (the figures are the
 * lines starting "group commit").
 */
class GroupCommitMeasurement {

    private static final int TOOLS = 64;
    private static final List<Integer> WRITERS = List.of(1, 16, 32);
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final Duration RUN = Duration.ofSeconds(8);
    /** PostgreSQL 15 flushes an idle backend's counters within 10 s: every window waits this out. */
    @Test
    void measure() {
        String base = TestInfrastructure.postgresUrl();
        Map<Integer, Target> targets = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        try {
            for (int maxGroup : List.of(1, 16)) {
                targets.put(maxGroup, Target.start(base, maxGroup));
            }
            Map<Integer, Double> idle = new HashMap<>();
            for (Target target : targets.values()) {
                idle.put(target.maxGroup(), idlePerSecond(base, target.database()));
                run(target.editor(), target.names(), 16, WARM_UP); // JIT and pools warm before any figure
            }
            pause(STATS_FLUSH);
            for (int writers : WRITERS) {
                // off, on, on, off: drift of a shared machine falls on both modes alike
                for (int maxGroup : List.of(1, 16, 16, 1)) {
                    Target target = targets.get(maxGroup);
                    lines.add(window(base, target, writers, idle.get(maxGroup)));
                }
            }
        } finally {
            targets.values().forEach(t -> t.stop(base));
        }
        lines.add(savepointCost());
        lines.forEach(System.out::println);
    }

    /** A node on a database of its own, seeded with {@link #TOOLS} tools. */
    private record Target(int maxGroup, String database, Node node, List<String> names) {

        static Target start(String base, int maxGroup) {
            String database = "group_m_" + System.currentTimeMillis() + "_" + maxGroup;
            sql(base, "CREATE DATABASE " + database);
            String url = base.substring(0, base.lastIndexOf('/') + 1) + database + "?currentSchema=public";
            Node node = TestNodes.start(
                    url,
                    TestInfrastructure.newClusterName(),
                    "m-" + maxGroup,
                    Map.of(
                            "catalog.writes.max-group", String.valueOf(maxGroup),
                            "catalog.writes.max-concurrent", "40",
                            "spring.datasource.hikari.maximum-pool-size", "20",
                            "logging.level.io.toolcatalog", "WARN"));
            List<String> names =
                    IntStream.range(0, TOOLS).mapToObj(i -> "tool-" + i).toList();
            node.bean(CatalogEditor.class)
                    .importTools(
                            names.stream()
                                    .map(n -> ToolDrafts.plain(n, "seed")
                                            .author("measure")
                                            .build())
                                    .toList(),
                            ImportMode.MERGE,
                            false,
                            Actor.of("measure"));
            return new Target(maxGroup, database, node, names);
        }

        CatalogEditor editor() {
            return node.bean(CatalogEditor.class);
        }

        void stop(String base) {
            node.close();
            sql(base, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    /** One measured window; the counters of the one before were flushed by the pause that ended it. */
    private static String window(String base, Target target, int writers, double idlePerSecond) {
        long before = xactCommit(base, target.database());
        long start = System.nanoTime();
        Run run = run(target.editor(), target.names(), writers, RUN);
        double seconds = (System.nanoTime() - start) / 1e9;
        pause(STATS_FLUSH);
        long busy = xactCommit(base, target.database()) - before;
        double net = busy - idlePerSecond * (seconds + STATS_FLUSH.toSeconds());
        return String.format(
                Locale.ROOT,
                "group commit %s, %2d writers: %5.0f updates/s, p50 %5.2f ms, p99 %6.2f ms, %.2f PostgreSQL"
                        + " transactions per mutation (%d mutations, %d transactions, idle %.2f/s)",
                target.maxGroup() == 1 ? "off" : "on ",
                writers,
                run.mutations() / seconds,
                percentile(run.latenciesMs(), 50),
                percentile(run.latenciesMs(), 99),
                net / run.mutations(),
                run.mutations(),
                busy,
                idlePerSecond);
    }

    /** What a write in a group pays for its savepoint, against one trivial statement's round trip. */
    private static String savepointCost() {
        int rounds = 2000;
        try (Connection c = DriverManager.getConnection(TestInfrastructure.postgresUrl(), "postgres", "")) {
            c.setAutoCommit(false);
            double[] micros = new double[2];
            for (int pass = 0; pass < 2; pass++) { // the first pass warms up
                long start = System.nanoTime();
                for (int i = 0; i < rounds; i++) {
                    c.setSavepoint();
                    if (i % 50 == 49) {
                        c.rollback(); // groups are at most 64 writes deep
                    }
                }
                micros[0] = (System.nanoTime() - start) / 1e3 / rounds;
                start = System.nanoTime();
                try (Statement s = c.createStatement()) {
                    for (int i = 0; i < rounds; i++) {
                        s.execute("SELECT 1");
                    }
                }
                micros[1] = (System.nanoTime() - start) / 1e3 / rounds;
            }
            c.rollback();
            return String.format(
                    Locale.ROOT,
                    "group commit: a SAVEPOINT %.0f µs per write; one SELECT 1 round trip %.0f µs",
                    micros[0],
                    micros[1]);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Run(int mutations, double[] latenciesMs) {}

    /** {@code writers} threads updating tools in a closed loop for {@code duration}. */
    private static Run run(CatalogEditor editor, List<String> names, int writers, Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<List<Double>>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    List<Double> latencies = new ArrayList<>();
                    for (int i = 0; System.nanoTime() < end; i++) {
                        String name = names.get((writer + i * writers) % names.size());
                        long start = System.nanoTime();
                        editor.update(
                                name,
                                ToolDrafts.patch()
                                        .description("edit " + writer + "-" + i)
                                        .author("measure")
                                        .build(),
                                null,
                                Actor.of("measure"));
                        latencies.add((System.nanoTime() - start) / 1e6);
                    }
                    return latencies;
                }));
            }
            List<Double> all = new ArrayList<>();
            for (Future<List<Double>> future : futures) {
                all.addAll(future.get());
            }
            return new Run(
                    all.size(),
                    all.stream().mapToDouble(Double::doubleValue).sorted().toArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Transactions per second of the idle node (its revision poll and housekeeping). */
    private static double idlePerSecond(String base, String database) {
        pause(STATS_FLUSH);
        long before = xactCommit(base, database);
        long start = System.nanoTime();
        pause(Duration.ofSeconds(10));
        pause(STATS_FLUSH);
        return (xactCommit(base, database) - before) / ((System.nanoTime() - start) / 1e9);
    }
}
