package io.toolcatalog.bench.propagation;

import static io.toolcatalog.bench.propagation.ClusterBenchmarks.fmt;
import static io.toolcatalog.bench.propagation.ClusterBenchmarks.ms;
import static io.toolcatalog.bench.propagation.ClusterBenchmarks.toolName;

import io.toolcatalog.bench.BenchSettings;
import io.toolcatalog.bench.cluster.Cluster;
import io.toolcatalog.bench.cluster.ClusterDatabase;
import io.toolcatalog.bench.cluster.Convergence;
import io.toolcatalog.bench.cluster.DatabaseWork;
import io.toolcatalog.bench.cluster.NodeClient;
import io.toolcatalog.bench.cluster.RedisBaseline;
import io.toolcatalog.bench.cluster.SimulatedNodes;
import io.toolcatalog.bench.report.Report;
import io.toolcatalog.bench.report.Row;
import io.toolcatalog.bench.watch.RedisFanout;
import io.toolcatalog.testsupport.MeasuredDatabase;
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
 * same-run baseline, 1 node with carrying off ({@code max-carried-bytes=0}: it re-reads every
 * change, its own included). Mutations are sequential, each applied everywhere before
 * the next, so every change is handled on its own.
 */
public final class PropagationBenchmarks {

    private static final Logger log = LoggerFactory.getLogger(PropagationBenchmarks.class);
    private static final String BENCH = "database work per mutation";
    /**
     * Five nodes each opening their pool of 12 at start can run a shared PostgreSQL out of
     * connections; the pool still grows on demand. Does not change what a mutation commits.
     */
    private static final Map<String, String> FEW_CONNECTIONS = Map.of("SPRING_DATASOURCE_HIKARI_MINIMUM_IDLE", "2");

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
        ClusterDatabase.sql(settings.jdbcUrl(), "DROP DATABASE IF EXISTS " + database);
        ClusterDatabase.sql(settings.jdbcUrl(), "CREATE DATABASE " + database);
        DatabaseWork work = new DatabaseWork(
                settings.jdbcUrl(), database, quick ? Duration.ofSeconds(2) : MeasuredDatabase.STATS_FLUSH);
        if (quick) {
            report.note(BENCH + ": --quick waits 2 s for PostgreSQL's statistics instead of 11 s,"
                    + " so its transaction counts are not settled");
        }
        Figures f = new Figures();
        try {
            String clusterName = Cluster.newName();
            try (Cluster cluster = start(clusterName, dbUrl, true)) {
                seed(cluster);
                f.on1 = measure(work, cluster, null, mutations);
                log.info("{}: 1 node: {}", BENCH, f.on1.note());
                simulated(f, work, cluster, clusterName, dbUrl, simulated, mutations);
                if (!quick) {
                    cluster.grow(4);
                    Map<String, Double> before = messagesByOutcome(cluster);
                    f.on5 = measure(work, cluster, null, mutations);
                    f.outcomes5 = difference(messagesByOutcome(cluster), before);
                    log.info("{}: 5 nodes: {}; messages by outcome {}", BENCH, f.on5.note(), f.outcomes5);
                }
            } catch (RuntimeException e) {
                failed("carrying on", e);
            } finally {
                deleteKeys(clusterName);
            }
            if (!quick) {
                // the baseline with 1 node only: 4 more node processes cost minutes on this machine
                String offName = Cluster.newName();
                try (Cluster cluster = start(offName, dbUrl, false)) {
                    f.off1 = measure(work, cluster, null, mutations);
                    log.info("{}: 1 node, carrying off: {}", BENCH, f.off1.note());
                } catch (RuntimeException e) {
                    failed("carrying off", e);
                } finally {
                    deleteKeys(offName);
                }
            }
            addRows(f, simulated);
        } finally {
            ClusterDatabase.sql(settings.jdbcUrl(), "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    /** What the stage measured; a part that failed leaves its figures null. */
    private static final class Figures {
        DatabaseWork.WorkResult on1;
        DatabaseWork.WorkResult onSim;
        DatabaseWork.WorkResult on5;
        DatabaseWork.WorkResult off1;
        Histogram toAll;
        Histogram redisToAll;
        List<Histogram> simHops;
        Map<String, Double> outcomes5 = Map.of();
    }

    /** The nodes' change messages by the listener's outcome, summed over the nodes. */
    private static Map<String, Double> messagesByOutcome(Cluster cluster) {
        Map<String, Double> sum = new java.util.TreeMap<>();
        cluster.nodes().forEach(n -> n.changeMessagesByOutcome().forEach((k, v) -> sum.merge(k, v, Double::sum)));
        return sum;
    }

    private static Map<String, Double> difference(Map<String, Double> after, Map<String, Double> before) {
        Map<String, Double> d = new java.util.TreeMap<>();
        after.forEach((k, v) -> d.put(k, v - before.getOrDefault(k, 0.0)));
        return d;
    }

    private void simulated(
            Figures f,
            DatabaseWork work,
            Cluster cluster,
            String clusterName,
            String dbUrl,
            int simulated,
            int mutations) {
        try (SimulatedNodes sim = SimulatedNodes.start(dbUrl, settings.redisUrl(), clusterName, simulated)) {
            for (int i = 0; i < mutations / 3; i++) {
                mutate(cluster, sim, i); // warm-up
            }
            sim.resetHops();
            long from = ClusterDatabase.currentRevision(dbUrl);
            f.onSim = work.measure(mutations, i -> mutate(cluster, sim, i));
            f.simHops = sim.hops();
            long last = ClusterDatabase.currentRevision(dbUrl);
            Convergence.ConvergenceResult applied =
                    Convergence.of(ClusterDatabase.commits(dbUrl, from, last), sim.firstSeen());
            f.toAll = applied.micros();
            report.note(BENCH + ", " + simulated + " simulated nodes: " + sim.carriedApplies()
                    + " messages applied from carried rows, " + sim.rang() + " rang for a catch-up (warm-up"
                    + " included); " + applied.unmatched() + " of " + applied.revisions()
                    + " revisions not seen applied on every simulated node");
            log.info("{}: 1 node + {} simulated: {}", BENCH, simulated, f.onSim.note());
        }
        f.redisToAll = RedisFanout.toLast(
                settings.redisUrl(), clusterName + ":bench-fanout", simulated, settings.quick() ? 20 : 200);
    }

    private void failed(String part, RuntimeException e) {
        log.error("{}, {} failed", BENCH, part, e);
        report.add(Row.of(BENCH, part + ": failed", Double.NaN, "")
                .target("ran to the end", false)
                .note(String.valueOf(e.getMessage())));
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
                Cluster.JVM_FLAGS,
                carrying ? FEW_CONNECTIONS : withCarryingOff());
    }

    private static Map<String, String> withCarryingOff() {
        Map<String, String> env = new java.util.HashMap<>(FEW_CONNECTIONS);
        env.put("CATALOG_CLUSTER_MAX_CARRIED_BYTES", "0");
        return env;
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
    private static DatabaseWork.WorkResult measure(
            DatabaseWork work, Cluster cluster, SimulatedNodes sim, int mutations) {
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

    private void addRows(Figures f, int simulated) {
        String unit = "transactions";
        if (f.on1 == null) {
            return;
        }
        Row one = Row.of(BENCH, "1 node", f.on1.perMutation(), unit)
                .target("≈ 1.0 (≤ 1.1)", f.on1.perMutation() <= 1.1)
                .note(f.on1.note() + (f.off1 == null ? "" : "; carrying off: " + f.off1.note()));
        report.add(f.off1 == null ? one : one.against("carrying off, 1 node", f.off1.perMutation()));
        if (f.onSim != null) {
            report.add(Row.of(BENCH, "1 node + " + simulated + " simulated nodes", f.onSim.perMutation(), unit)
                    .against("1 node", f.on1.perMutation())
                    .target("≤ 1.2× 1 node", f.onSim.perMutation() <= 1.2 * f.on1.perMutation())
                    .note(f.onSim.note()));
        }
        if (f.on5 != null) {
            report.add(Row.of(BENCH, "5 nodes", f.on5.perMutation(), unit)
                    .against("1 node", f.on1.perMutation())
                    .target("≤ 1.2× 1 node", f.on5.perMutation() <= 1.2 * f.on1.perMutation())
                    .note(f.on5.note() + "; change messages received by outcome, over the nodes, warm-up included: "
                            + f.outcomes5));
        }
        if (f.toAll != null) {
            addLatency(f.toAll, f.redisToAll, simulated);
            addHops(f.simHops, simulated);
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
