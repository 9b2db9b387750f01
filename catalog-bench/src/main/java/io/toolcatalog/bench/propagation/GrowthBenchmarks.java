package io.toolcatalog.bench.propagation;

import static io.toolcatalog.bench.propagation.ClusterBenchmarks.fmt;
import static io.toolcatalog.bench.propagation.ClusterBenchmarks.ms;
import static io.toolcatalog.bench.propagation.ClusterBenchmarks.toolName;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.toolcatalog.bench.BenchSettings;
import io.toolcatalog.bench.cluster.Cluster;
import io.toolcatalog.bench.cluster.ClusterDatabase;
import io.toolcatalog.bench.cluster.Convergence;
import io.toolcatalog.bench.cluster.NodeClient;
import io.toolcatalog.bench.cluster.SimulatedNodes;
import io.toolcatalog.bench.report.Report;
import io.toolcatalog.bench.report.Row;
import io.toolcatalog.testsupport.MeasuredDatabase;
import io.toolcatalog.testsupport.NodeProcess;
import io.toolcatalog.testsupport.PrivatePostgres;
import io.toolcatalog.testsupport.PrivateRedis;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cost model's terms as the number of peers grows: one node process writes, N simulated nodes
 * ({@link SimulatedNodes}, in this JVM) are its peers, for each N the same sequence of sequential
 * single-tool updates through the node, each applied on every simulated node before the next. On
 * servers of the benchmark's own (a PostgreSQL with {@code pg_stat_statements}, a {@code
 * redis-server}), per change and net of an idle window before: Redis deliveries, commands and
 * bytes, PostgreSQL statements, rows and committed transactions, catch-ups, the simulated nodes'
 * CPU per node (their threads' CPU), the writer's CPU, and commit → all N applied. Simulated nodes
 * neither write history nor send heartbeats: those are a real node's, counted by {@link
 * CostBenchmarks}.
 */
public final class GrowthBenchmarks {

    private static final Logger log = LoggerFactory.getLogger(GrowthBenchmarks.class);
    private static final String DATABASE = "cost_growth";

    private final BenchSettings settings;
    private final Report report;
    private final List<Integer> sizes;
    private final String token = "bench-" + UUID.randomUUID();

    public GrowthBenchmarks(BenchSettings settings, Report report, List<Integer> sizes) {
        this.settings = settings;
        this.report = report;
        this.sizes = sizes;
    }

    public void run() {
        PrivatePostgres postgres = CostCounters.countingPostgres(100);
        PrivateRedis redis = null;
        RedisClient client = null;
        try {
            ClusterDatabase.sql(postgres.baseUrl(), "CREATE DATABASE " + DATABASE);
            redis = PrivateRedis.server("maxclients 5000");
            client = RedisClient.create(redis.url());
            String dbUrl = "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/" + DATABASE;
            log.info("growth: starting the writing node");
            try (Cluster cluster = CostCounters.startNodes(settings, 1, dbUrl, redis.url(), token, Map.of());
                    StatefulRedisConnection<String, String> info = client.connect()) {
                NodeClient writer = cluster.nodes().get(0);
                writer.importTools(NodeClient.importBody(IntStream.range(0, ClusterBenchmarks.TOOLS)
                        .mapToObj(ClusterBenchmarks::toolName)
                        .toList()));
                report.note("growth: Redis " + line(info.sync().info("server"), "redis_version") + ", maxclients "
                        + info.sync().configGet("maxclients").get("maxclients") + "; this JVM's open-file limit "
                        + openFileLimit());
                for (int n : sizes) {
                    measure(postgres, info, cluster, dbUrl, redis.url(), n);
                }
            }
        } finally {
            if (client != null) {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
            if (redis != null) {
                redis.close();
            }
            postgres.close();
        }
    }

    private void measure(
            PrivatePostgres postgres,
            StatefulRedisConnection<String, String> info,
            Cluster cluster,
            String dbUrl,
            String redisUrl,
            int n) {
        int changes = settings.quick() ? 20 : 200;
        long idleMillis = settings.quick() ? 3_000 : 15_000;
        long flushMillis = settings.quick() ? 2_000 : MeasuredDatabase.STATS_FLUSH.toMillis();
        NodeClient writer = cluster.nodes().get(0);
        NodeProcess node = cluster.processes().get(0);
        log.info("growth: starting {} simulated nodes", n);
        long started = System.nanoTime();
        try (SimulatedNodes sim = SimulatedNodes.start(dbUrl, redisUrl, cluster.name(), n)) {
            double startSeconds = (System.nanoTime() - started) / 1e9;
            String footprint = footprint(info, n, startSeconds);
            for (int i = 0; i < changes / 4; i++) { // warm-up: JIT, pools
                mutate(writer, sim, i, "warm");
            }
            Cluster.pause(flushMillis); // the warm-up's statistics reach pg_stat_database first
            GrowthReading idle0 = GrowthReading.read(postgres, DATABASE, info, node, sim);
            Cluster.pause(idleMillis);
            GrowthReading idle1 = GrowthReading.read(postgres, DATABASE, info, node, sim);
            long from = ClusterDatabase.currentRevision(dbUrl);
            sim.resetHops();
            for (int i = 0; i < changes; i++) {
                mutate(writer, sim, i, "growth");
            }
            long last = ClusterDatabase.currentRevision(dbUrl);
            Cluster.pause(flushMillis);
            GrowthReading busy1 = GrowthReading.read(postgres, DATABASE, info, node, sim);
            GrowthReading.PerChange c = GrowthReading.perChange(idle0, idle1, busy1, changes, n);
            Convergence.ConvergenceResult applied =
                    Convergence.of(ClusterDatabase.commits(dbUrl, from, last), sim.firstSeen());
            log.info("growth: N = {}: {}", n, c);
            addRows(n, changes, c, applied, sim.hops().get(2), footprint);
        }
    }

    /** Heap, open files and Redis clients with {@code n} simulated nodes up. */
    private static String footprint(StatefulRedisConnection<String, String> info, int n, double startSeconds) {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        String[] fds = new File("/proc/self/fd").list();
        return n + " simulated nodes started in " + fmt(startSeconds) + " s; this JVM after a GC: heap used "
                + (heap >> 20) + " MB, " + (fds == null ? "?" : fds.length) + " open files; Redis clients "
                + line(info.sync().info("clients"), "connected_clients");
    }

    private static String openFileLimit() {
        try {
            return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/limits")).stream()
                    .filter(l -> l.startsWith("Max open files"))
                    .map(l -> l.replaceAll("\\s+", " ").replace("Max open files ", ""))
                    .findFirst()
                    .orElse("?");
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static String line(String info, String name) {
        for (String l : info.split("\r?\n")) {
            if (l.startsWith(name + ":")) {
                return l.substring(name.length() + 1).trim();
            }
        }
        return "?";
    }

    /** One update through the node, awaited on every simulated node. */
    private static void mutate(NodeClient writer, SimulatedNodes sim, int i, String what) {
        long revision = writer.updateDescription(toolName(i % ClusterBenchmarks.TOOLS), what + " " + i);
        if (!sim.awaitApplied(revision, Duration.ofSeconds(30))) {
            throw new IllegalStateException("revision " + revision + " not applied on every simulated node in 30 s");
        }
    }

    private void addRows(
            int n,
            int changes,
            GrowthReading.PerChange c,
            Convergence.ConvergenceResult applied,
            Histogram receivedToApplied,
            String footprint) {
        String bench = "growth: 1 node writing + " + n + " simulated nodes, per change";
        CostCounters.CostCounts k = c.counts();
        report.add(Row.of(bench, "Redis deliveries to the simulated nodes", c.delivered(), "messages")
                .note(changes + " single-tool updates, each applied on all before the next; " + footprint));
        report.add(Row.of(bench, "Redis bytes out", k.redisOut(), "bytes")
                .note("in " + fmt(k.redisIn()) + " bytes; INFO stats of the benchmark's own redis-server, net of idle ("
                        + fmt(c.idlePerSecond().redisOut()) + " bytes/s out idle)"));
        report.add(Row.of(bench, "Redis commands", k.redisCommands(), "commands")
                .note("by command: "
                        + k.redisByCommand().entrySet().stream()
                                .filter(e -> Math.abs(e.getValue()) >= 0.005)
                                .map(e -> e.getKey() + " " + fmt(e.getValue()))
                                .toList()));
        report.add(Row.of(bench, "PostgreSQL statements", k.statements(), "statements")
                .note("rows " + fmt(k.rows()) + "; by statement: " + c.byStatement()));
        report.add(Row.of(bench, "PostgreSQL transactions", c.transactions(), "transactions")
                .note("pg_stat_database.xact_commit of the measured database, net of idle ("
                        + fmt(c.idlePerSecond().statements()) + " statements/s idle)"));
        report.add(Row.of(bench, "catch-ups rung by the simulated nodes", c.rang(), "rings")
                .note("carried rows applied " + fmt(c.carried()) + " per change"));
        report.add(Row.of(bench, "CPU per simulated node", c.simCpuMicrosPerNode(), "µs")
                .note("CPU of the simulated nodes' threads (Redis I/O, catch-ups) net of idle ("
                        + fmt(c.simIdleCpuMsPerSecond()) + " ms/s), ÷ changes ÷ N; time-based; the writer's"
                        + " process: " + fmt(c.writerCpuMs()) + " ms per change (the PUT included)"));
        Histogram toAll = applied.micros();
        report.distribution("commit → all " + n + " simulated nodes applied (growth)", toAll);
        report.add(Row.of(bench, "commit → all applied p50", ms(toAll, 50), "ms")
                .note("p99 " + fmt(ms(toAll, 99)) + " ms, max " + fmt(toAll.getMaxValue() / 1000.0) + " ms; "
                        + applied.unmatched() + " of " + applied.revisions() + " revisions not seen on every node;"
                        + " received → applied on a node p50 " + fmt(ms(receivedToApplied, 50)) + " ms; "
                        + fmt(c.busySeconds()) + " s busy window; time-based"));
        report.add(Row.of(bench, "commit → all applied p99", ms(toAll, 99), "ms"));
    }
}
