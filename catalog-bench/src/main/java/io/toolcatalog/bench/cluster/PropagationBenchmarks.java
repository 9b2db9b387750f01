package io.toolcatalog.bench.cluster;

import static io.toolcatalog.bench.cluster.ClusterBenchmarks.fmt;
import static io.toolcatalog.bench.cluster.ClusterBenchmarks.ms;
import static io.toolcatalog.bench.cluster.ClusterBenchmarks.toolName;

import io.toolcatalog.bench.BenchSettings;
import io.toolcatalog.bench.report.Report;
import io.toolcatalog.bench.report.Row;
import io.toolcatalog.bench.watch.RedisFanout;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database's work per mutation as the cluster grows, on node processes over a database of
 * their own: PostgreSQL transactions per mutation with 1 node, with 1 node and 100 simulated nodes
 * ({@link SimulatedNodes}, which also give commit → all 100 applied), and with 5 nodes; then, as the
 * same-run baseline, 1 and 5 nodes with carrying off ({@code max-carried-bytes=0}: every node
 * re-reads every change, its own included). Mutations are sequential, each applied everywhere before
 * the next, so every change is handled on its own.
 */
public final class PropagationBenchmarks {

    private static final Logger log = LoggerFactory.getLogger(PropagationBenchmarks.class);
    private static final String BENCH = "database work per mutation";

    private final BenchSettings settings;
    private final Report report;
    private final String token = "bench-" + UUID.randomUUID();

    public PropagationBenchmarks(BenchSettings settings, Report report) {
        this.settings = settings;
        this.report = report;
    }

    public void run() {
        boolean quick = settings.quick();
        int mutations = quick ? 30 : 300;
        int simulated = quick ? 10 : 100;
        String database = settings.clusterDatabase();
        String dbUrl = settings.jdbcUrlOf(database);
        ClusterBenchmarks.sql(settings.jdbcUrl(), "DROP DATABASE IF EXISTS " + database);
        ClusterBenchmarks.sql(settings.jdbcUrl(), "CREATE DATABASE " + database);
        DatabaseWork work = new DatabaseWork(
                settings.jdbcUrl(), database, quick ? Duration.ofSeconds(2) : DatabaseWork.STATS_FLUSH);
        if (quick) {
            report.note(BENCH + ": --quick waits 2 s for PostgreSQL's statistics instead of 11 s,"
                    + " so its transaction counts are not settled");
        }
        try {
            DatabaseWork.Result on1;
            DatabaseWork.Result onSim;
            DatabaseWork.Result on5 = null;
            Histogram toAll;
            Histogram redisToAll;
            List<Histogram> simHops;
            String clusterName = Cluster.newName();
            try (Cluster cluster = start(clusterName, dbUrl, true)) {
                seed(cluster);
                on1 = measure(work, cluster, null, mutations);
                log.info("{}: 1 node: {}", BENCH, on1.note());
                try (SimulatedNodes sim = SimulatedNodes.start(dbUrl, settings.redisUrl(), clusterName, simulated)) {
                    for (int i = 0; i < mutations / 3; i++) {
                        mutate(cluster, sim, i); // warm-up
                    }
                    sim.resetHops();
                    long from = ClusterBenchmarks.currentRevision(dbUrl);
                    onSim = work.measure(mutations, i -> mutate(cluster, sim, i));
                    simHops = sim.hops();
                    long last = ClusterBenchmarks.currentRevision(dbUrl);
                    Convergence.Result applied =
                            Convergence.of(ClusterBenchmarks.commits(dbUrl, from, last), sim.firstSeen());
                    toAll = applied.micros();
                    report.note(BENCH + ", " + simulated + " simulated nodes: " + sim.carriedApplies()
                            + " messages applied from carried rows, " + sim.rang() + " rang for a catch-up; "
                            + applied.unmatched() + " of " + applied.revisions()
                            + " revisions not seen applied on every simulated node");
                    log.info("{}: 1 node + {} simulated: {}", BENCH, simulated, onSim.note());
                }
                redisToAll = RedisFanout.toLast(
                        settings.redisUrl(), clusterName + ":bench-fanout", simulated, quick ? 20 : 200);
                if (!quick) {
                    cluster.grow(4);
                    on5 = measure(work, cluster, null, mutations);
                    log.info("{}: 5 nodes: {}", BENCH, on5.note());
                }
            } finally {
                deleteKeys(clusterName);
            }
            DatabaseWork.Result off1 = null;
            DatabaseWork.Result off5 = null;
            if (!quick) {
                String offName = Cluster.newName();
                try (Cluster cluster = start(offName, dbUrl, false)) {
                    off1 = measure(work, cluster, null, mutations);
                    cluster.grow(4);
                    off5 = measure(work, cluster, null, mutations);
                } finally {
                    deleteKeys(offName);
                }
            }
            addRows(on1, onSim, on5, off1, off5, simulated);
            addLatency(toAll, redisToAll, simulated);
            addHops(simHops, simulated);
        } finally {
            ClusterBenchmarks.sql(settings.jdbcUrl(), "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private Cluster start(String name, String dbUrl, boolean carrying) {
        log.info("Starting 1 node, carrying {} (cluster {})", carrying ? "on" : "off", name);
        return Cluster.start(
                settings.jar(),
                1,
                dbUrl,
                settings.redisUrl(),
                name,
                token,
                settings.logs(),
                NodeProcess.JVM_FLAGS,
                carrying ? Map.of() : Map.of("CATALOG_CLUSTER_MAX_CARRIED_BYTES", "0"));
    }

    private static void seed(Cluster cluster) {
        long seeded = cluster.nodes()
                .get(0)
                .importTools(NodeClient.importBody(IntStream.range(0, ClusterBenchmarks.TOOLS)
                        .mapToObj(ClusterBenchmarks::toolName)
                        .toList()));
        cluster.awaitApplied(seeded, Duration.ofSeconds(10));
    }

    /** A warm-up of a third as many mutations, then the measured window. */
    private static DatabaseWork.Result measure(DatabaseWork work, Cluster cluster, SimulatedNodes sim, int mutations) {
        for (int i = 0; i < mutations / 3; i++) {
            mutate(cluster, sim, i);
        }
        return work.measure(mutations, i -> mutate(cluster, sim, i));
    }

    /** One update, round robin over the real nodes, awaited on every node (real and simulated). */
    private static void mutate(Cluster cluster, SimulatedNodes sim, int i) {
        long revision = cluster.nodes()
                .get(i % cluster.nodes().size())
                .updateDescription(toolName(i % ClusterBenchmarks.TOOLS), "work " + i);
        if (cluster.nodes().size() > 1 && !cluster.awaitApplied(revision, Duration.ofSeconds(10))) {
            throw new IllegalStateException("revision " + revision + " not applied on every node within 10 s");
        }
        if (sim != null && !sim.awaitApplied(revision, Duration.ofSeconds(10))) {
            throw new IllegalStateException("revision " + revision + " not applied on every simulated node in 10 s");
        }
    }

    private void addRows(
            DatabaseWork.Result on1,
            DatabaseWork.Result onSim,
            DatabaseWork.Result on5,
            DatabaseWork.Result off1,
            DatabaseWork.Result off5,
            int simulated) {
        String unit = "transactions";
        Row one = Row.of(BENCH, "1 node", on1.perMutation(), unit)
                .target("≈ 1.0 (≤ 1.1)", on1.perMutation() <= 1.1)
                .note(on1.note() + (off1 == null ? "" : "; carrying off: " + off1.note()));
        report.add(off1 == null ? one : one.against("carrying off, 1 node", off1.perMutation()));
        report.add(Row.of(BENCH, "1 node + " + simulated + " simulated nodes", onSim.perMutation(), unit)
                .against("1 node", on1.perMutation())
                .target("≤ 1.2× 1 node", onSim.perMutation() <= 1.2 * on1.perMutation())
                .note(onSim.note()));
        if (on5 != null) {
            report.add(Row.of(BENCH, "5 nodes", on5.perMutation(), unit)
                    .against("1 node", on1.perMutation())
                    .target("≤ 1.2× 1 node", on5.perMutation() <= 1.2 * on1.perMutation())
                    .note(on5.note() + (off5 == null ? "" : "; carrying off: " + off5.note())));
        }
        if (off1 != null && off5 != null) {
            report.add(Row.of(BENCH, "5 nodes, carrying off (baseline)", off5.perMutation(), unit)
                    .against("carrying off, 1 node", off1.perMutation())
                    .note("every node re-reads every change, its own included, as before the rows were carried"));
        }
    }

    private void addLatency(Histogram toAll, Histogram redisToAll, int simulated) {
        report.distribution("commit → all " + simulated + " simulated nodes applied", toAll);
        report.distribution("raw Redis publish → last of " + simulated + " subscribers", redisToAll);
        String bench = "commit on 1 node → all " + simulated + " simulated nodes applied";
        String note = toAll.getTotalCount() + " mutations, one at a time; commit = committed_at in the change log,"
                + " applied = each simulated node's reload event; baseline: " + simulated
                + " plain Lettuce subscribers, publish → the last one received";
        report.add(Row.of(bench, "p50", ms(toAll, 50), "ms")
                .against("raw Redis publish → last of " + simulated + " p50", ms(redisToAll, 50))
                .note(note));
        report.add(Row.of(bench, "p99", ms(toAll, 99), "ms")
                .against("raw Redis publish → last of " + simulated + " p99", ms(redisToAll, 99))
                .target("≤ 50 ms", toAll.getTotalCount() > 0 && ms(toAll, 99) <= 50)
                .note("max " + fmt(toAll.getMaxValue() / 1000.0) + " ms"));
    }

    /** Where the time goes, as the simulated nodes saw each carried message. */
    private void addHops(List<Histogram> hops, int simulated) {
        String bench = "hops to " + simulated + " simulated nodes";
        String[] measures = {"commit → PUBLISH sent", "PUBLISH → subscriber received", "received → applied"};
        for (int i = 0; i < measures.length; i++) {
            Histogram h = hops.get(i);
            report.add(Row.of(bench, measures[i] + " p50", ms(h, 50), "ms")
                    .note(h.getTotalCount() + " (message, simulated node) pairs; p99 " + fmt(ms(h, 99)) + " ms"));
        }
    }

    private void deleteKeys(String clusterName) {
        try {
            RedisBaseline.deleteKeys(settings.redisUrl(), clusterName);
        } catch (RuntimeException e) {
            report.note("could not delete the Redis keys " + clusterName + "*: " + e.getMessage());
        }
    }
}
