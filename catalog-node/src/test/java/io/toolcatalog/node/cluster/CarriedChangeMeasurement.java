package io.toolcatalog.node.cluster;

import static io.toolcatalog.testsupport.MeasuredDatabase.STATS_FLUSH;
import static io.toolcatalog.testsupport.MeasuredDatabase.pause;
import static io.toolcatalog.testsupport.MeasuredDatabase.percentile;
import static io.toolcatalog.testsupport.MeasuredDatabase.sql;
import static io.toolcatalog.testsupport.MeasuredDatabase.xactCommit;

import io.micrometer.core.instrument.MeterRegistry;
import io.toolcatalog.core.history.HistoryQuery;
import io.toolcatalog.core.history.LocalReloadHistory;
import io.toolcatalog.core.history.ReloadEvent;
import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.testing.ToolDrafts;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.write.CatalogEditor;
import io.toolcatalog.core.write.ImportMode;
import io.toolcatalog.node.testing.TestNodes;
import io.toolcatalog.node.testing.TestNodes.Node;
import io.toolcatalog.testsupport.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Not a test (no assertion, not matched by surefire or failsafe): measures what carrying a change's
 * rows in its message buys, carrying off ({@code max-carried-bytes=0}, every node re-reads every
 * change, as before) and on, in the same run: PostgreSQL transactions per mutation with 1 node and
 * with 3, from {@code pg_stat_database.xact_commit} of a database of its own, net of the idle
 * revision polls counted over a window of the same length; and commit → last of 3 nodes applied;
 * then transactions per mutation with 5 nodes.
 * Run with: {@code ./mvnw -B -pl catalog-node -am test -Dspotless.check.skip=true
 * -Dtest=CarriedChangeMeasurement -Dsurefire.failIfNoSpecifiedTests=false} (the figures are the
 * lines starting "carrying").
 */
class CarriedChangeMeasurement {

    private static final int MUTATIONS = 300;
    private static final int TOOLS = 50;
    /** PostgreSQL 15 flushes an idle backend's counters within 10 s: every window waits this out. */
    @Test
    void measure() {
        List<String> lines = new ArrayList<>();
        if (Boolean.getBoolean("measure.propagation-only")) {
            lines.addAll(propagationOnly());
        } else {
            for (boolean carrying : List.of(false, true)) {
                lines.addAll(measure(carrying));
            }
        }
        lines.forEach(System.out::println);
    }

    /**
     * With {@code -Dmeasure.propagation-only=true}: only commit → last of 3 nodes, carrying on, in
     * three windows of {@link #MUTATIONS} after a warm-up (a before/after comparison of the apply
     * path in minutes rather than the whole run's quarter hour).
     */
    private List<String> propagationOnly() {
        String cluster = TestInfrastructure.newClusterName();
        String url = TestInfrastructure.newSchemaUrl();
        Map<String, String> props = Map.of(
                "catalog.cluster.max-carried-bytes", "64KB",
                "catalog.reload.history-size", "5000",
                "logging.level.io.toolcatalog", "WARN");
        List<Node> nodes = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        try {
            for (String id : List.of("m-1", "m-2", "m-3")) {
                nodes.add(TestNodes.start(url, cluster, id, props));
            }
            List<String> names =
                    IntStream.range(0, TOOLS).mapToObj(i -> "tool-" + i).toList();
            seed(nodes.get(0), names);
            run(nodes, names, 300); // warm-up
            for (int window = 1; window <= 3; window++) {
                lines.add("carrying on , 3 nodes, window " + window + ": " + propagation(nodes, names));
            }
            for (Node node : nodes) {
                MeterRegistry meters = node.bean(MeterRegistry.class);
                lines.add(String.format(
                        Locale.ROOT,
                        "carrying on , change messages handled on the receiving thread %.0f, on the listener thread %.0f",
                        meters.counter("catalog.cluster.changes.handled", "thread", "receiving")
                                .count(),
                        meters.counter("catalog.cluster.changes.handled", "thread", "listener")
                                .count()));
            }
        } finally {
            nodes.forEach(Node::close);
        }
        return lines;
    }

    private List<String> measure(boolean carrying) {
        String mode = carrying ? "carrying on " : "carrying off";
        String database = "carry_m_" + System.currentTimeMillis() + (carrying ? "_on" : "_off");
        String base = TestInfrastructure.postgresUrl();
        sql(base, "CREATE DATABASE " + database);
        String url = base.substring(0, base.lastIndexOf('/') + 1) + database + "?currentSchema=public";
        String cluster = TestInfrastructure.newClusterName();
        Map<String, String> props = Map.of(
                "catalog.cluster.max-carried-bytes", carrying ? "64KB" : "0",
                "catalog.reload.history-size", "5000",
                "logging.level.io.toolcatalog", "WARN");
        List<Node> nodes = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        try {
            nodes.add(TestNodes.start(url, cluster, "m-1", props));
            List<String> names =
                    IntStream.range(0, TOOLS).mapToObj(i -> "tool-" + i).toList();
            seed(nodes.get(0), names);
            run(nodes, names, 100); // warm-up
            lines.add(mode + ", 1 node:  " + transactionsPerMutation(base, database, nodes, names));
            nodes.add(TestNodes.start(url, cluster, "m-2", props));
            nodes.add(TestNodes.start(url, cluster, "m-3", props));
            run(nodes, names, 100); // warm-up
            lines.add(mode + ", 3 nodes: " + transactionsPerMutation(base, database, nodes, names));
            lines.add(mode + ", 3 nodes: " + propagation(nodes, names));
            nodes.add(TestNodes.start(url, cluster, "m-4", props));
            nodes.add(TestNodes.start(url, cluster, "m-5", props));
            run(nodes, names, 100); // warm-up
            lines.add(mode + ", 5 nodes: " + transactionsPerMutation(base, database, nodes, names));
        } finally {
            nodes.forEach(Node::close);
            sql(base, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
        return lines;
    }

    private static void seed(Node node, List<String> names) {
        node.bean(CatalogEditor.class)
                .importTools(
                        names.stream()
                                .map(n -> ClusterMutations.draft(n, "seed"))
                                .toList(),
                        ImportMode.MERGE,
                        false,
                        Actor.of("measure"));
    }

    /** Net transactions per mutation: the run's window minus an idle window of the same length. */
    private String transactionsPerMutation(String base, String database, List<Node> nodes, List<String> names) {
        pause(STATS_FLUSH);
        long before = xactCommit(base, database);
        long start = System.nanoTime();
        run(nodes, names, MUTATIONS);
        pause(STATS_FLUSH);
        long busy = xactCommit(base, database) - before;
        double busySeconds = (System.nanoTime() - start) / 1e9;

        long idleBefore = xactCommit(base, database);
        long idleStart = System.nanoTime();
        pause(Duration.ofMillis((long) (busySeconds * 1000)));
        pause(STATS_FLUSH);
        long idle = xactCommit(base, database) - idleBefore;
        double idleSeconds = (System.nanoTime() - idleStart) / 1e9;

        double idleInBusyWindow = idle * busySeconds / idleSeconds;
        return String.format(
                Locale.ROOT,
                "%.2f PostgreSQL transactions per mutation (%d in %.1f s with %d mutations, idle %d in %.1f s)",
                (busy - idleInBusyWindow) / MUTATIONS,
                busy,
                busySeconds,
                MUTATIONS,
                idle,
                idleSeconds);
    }

    /** Commit → last other node applied, from each node's reload events, for the last run's revisions. */
    private String propagation(List<Node> nodes, List<String> names) {
        List<Long> revisions = run(nodes, names, MUTATIONS);
        long lastRevision = revisions.get(revisions.size() - 1);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline
                && nodes.stream()
                        .anyMatch(n -> n.bean(LocalReloadHistory.class).query(HistoryQuery.latest(1)).history().stream()
                                .noneMatch(e -> e.revision() >= lastRevision))) {
            LockSupport.parkNanos(1_000_000); // events follow the swap on the report thread
        }
        Map<Long, Double> last = new HashMap<>();
        for (Node node : nodes) {
            for (ReloadEvent e : node.bean(LocalReloadHistory.class)
                    .query(HistoryQuery.latest(5000))
                    .history()) {
                if (revisions.contains(e.revision())
                        && e.propagationMs() != null
                        && !e.nodeId().equals(e.originNode())) {
                    last.merge(e.revision(), e.propagationMs(), Math::max);
                }
            }
        }
        double[] ms =
                last.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format(
                Locale.ROOT,
                "commit -> last of 3 nodes applied over %d mutations: p50 %.2f ms, p99 %.2f ms",
                ms.length,
                percentile(ms, 50),
                percentile(ms, 99));
    }

    /** Updates round robin over the nodes, each mutation applied everywhere before the next. */
    private static List<Long> run(List<Node> nodes, List<String> names, int mutations) {
        List<Long> revisions = new ArrayList<>();
        for (int i = 0; i < mutations; i++) {
            Node writer = nodes.get(i % nodes.size());
            long revision = writer.bean(CatalogEditor.class)
                    .update(
                            names.get(i % names.size()),
                            ToolDrafts.patch()
                                    .description("edit " + i)
                                    .author("measure")
                                    .build(),
                            null,
                            Actor.of("measure"))
                    .revision();
            revisions.add(revision);
            while (nodes.stream().anyMatch(n -> n.bean(CatalogReloader.class).applied() < revision)) {
                LockSupport.parkNanos(20_000); // not a spin: this machine has 2 cores
            }
        }
        return revisions;
    }
}
