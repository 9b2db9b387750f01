package io.toolcatalog.bench.propagation;

import io.toolcatalog.bench.BenchSettings;
import io.toolcatalog.bench.cluster.Cluster;
import io.toolcatalog.bench.cluster.ClusterDatabase;
import io.toolcatalog.bench.cluster.Convergence;
import io.toolcatalog.bench.cluster.NodeClient;
import io.toolcatalog.bench.cluster.RedisBaseline;
import io.toolcatalog.bench.http.ReadThroughputBenchmark;
import io.toolcatalog.bench.report.Report;
import io.toolcatalog.bench.report.Row;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.IntStream;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process-level benchmarks: three nodes from {@code catalog-node.jar} over a database and a
 * Redis key prefix of their own — convergence, reload storm, CPU per write, convergence under load, cached reads
 * — and then the Redis outage on a redis-server of our own.
 */
public final class ClusterBenchmarks {

    private static final Logger log = LoggerFactory.getLogger(ClusterBenchmarks.class);
    static final int TOOLS = 100;

    private final BenchSettings settings;
    private final Report report;
    private final String token = "bench-" + UUID.randomUUID();

    public ClusterBenchmarks(BenchSettings settings, Report report) {
        this.settings = settings;
        this.report = report;
    }

    static String toolName(int i) {
        return "bench-tool-" + i;
    }

    public void run() {
        String database = settings.clusterDatabase();
        String dbUrl = settings.jdbcUrlOf(database);
        ClusterDatabase.sql(settings.jdbcUrl(), "DROP DATABASE IF EXISTS " + database);
        ClusterDatabase.sql(settings.jdbcUrl(), "CREATE DATABASE " + database);
        String clusterName = Cluster.newName();
        try {
            Histogram redis = stage(
                    "Redis baseline",
                    () -> RedisBaseline.publishToReceive(
                            settings.redisUrl(), clusterName + ":bench-baseline", settings.quick() ? 200 : 2000));
            if (redis != null) {
                report.distribution("raw Redis publish→receive", redis);
            }
            log.info("Starting 3 nodes (cluster {}, database {})", clusterName, database);
            try (Cluster cluster =
                    Cluster.start(settings.jar(), 3, dbUrl, settings.redisUrl(), clusterName, token, settings.logs())) {
                long seeded = cluster.nodes()
                        .get(0)
                        .importTools(NodeClient.importBody(IntStream.range(0, TOOLS)
                                .mapToObj(ClusterBenchmarks::toolName)
                                .toList()));
                cluster.awaitApplied(seeded, Duration.ofSeconds(10));
                Histogram pg = pointReads(dbUrl, settings.quick() ? 200 : 2000);
                report.distribution("PostgreSQL point read", pg);
                stage("convergence", () -> convergence(cluster, dbUrl, redis, pg));
                stage("rollout moves", () -> new RolloutMovesBenchmark(report, settings.quick() ? 20 : 300)
                        .run(cluster, dbUrl));
                LoadBenchmarks load = new LoadBenchmarks(settings, report);
                stage("reload storm", () -> load.storm(cluster, dbUrl));
                stage("CPU per write", () -> load.cpuPerWrite(cluster));
                double floorP99 = redis == null ? Double.NaN : ms(redis, 99) + ms(pg, 99);
                stage("convergence under load", () -> load.underLoad(cluster, dbUrl, floorP99));
                stage("cached reads", () -> {
                    new ReadThroughputBenchmark(settings, report)
                            .run(cluster.nodes().get(0), toolName(7));
                    return null;
                });
            } finally {
                try {
                    log.info(
                            "Deleted {} Redis keys of {}",
                            RedisBaseline.deleteKeys(settings.redisUrl(), clusterName),
                            clusterName);
                } catch (RuntimeException e) {
                    report.note("could not delete the Redis keys " + clusterName + "*: " + e.getMessage());
                }
            }
            stage("Redis outage", () -> {
                new RedisOutageBenchmark(settings, report, token).run(dbUrl);
                return null;
            });
        } finally {
            ClusterDatabase.sql(settings.jdbcUrl(), "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private <T> T stage(String name, java.util.function.Supplier<T> body) {
        log.info("== {}", name);
        try {
            return body.get();
        } catch (RuntimeException e) {
            log.error("{} failed", name, e);
            report.add(Row.of(name, "failed", Double.NaN, "")
                    .target("ran to the end", false)
                    .note(String.valueOf(e.getMessage())));
            return null;
        }
    }

    /** The plain changes' convergence, commit → last node applied (also reported). */
    private Histogram convergence(Cluster cluster, String dbUrl, Histogram redis, Histogram pg) {
        int mutations = settings.quick() ? 60 : 1200;
        long from = ClusterDatabase.currentRevision(dbUrl);
        Map<String, Map<Long, Instant>> seen = new TreeMap<>();
        cluster.nodes().forEach(n -> seen.put(n.nodeId(), new TreeMap<>()));
        int sent = 0;
        int failed = 0;
        long last = from;
        Hops hopsBefore = Hops.read(cluster.nodes());
        // one at a time with a short pause: each change's own convergence, not a queue behind others.
        // Every 25 mutations, with nothing in flight, each node's last 100 reload events are read.
        for (int i = 0; i < mutations; i++) {
            try {
                last = Math.max(
                        last,
                        cluster.nodes()
                                .get(i % cluster.nodes().size())
                                .updateDescription(toolName(i % TOOLS), "edit " + i));
                sent++;
            } catch (RuntimeException e) {
                failed++;
            }
            pause(10);
            if (i % 25 == 24 || i == mutations - 1) {
                cluster.awaitApplied(last, Duration.ofSeconds(10));
                cluster.nodes().forEach(n -> n.foldHistory(seen.get(n.nodeId())));
            }
        }
        Convergence.ConvergenceResult result = Convergence.of(ClusterDatabase.commits(dbUrl, from, last), seen);
        Histogram h = result.micros();
        report.distribution("convergence (3 nodes, " + h.getTotalCount() + " mutations)", h);
        String bench = "convergence: 3 nodes, " + sent + " mutations over the nodes";
        String floor = "Redis pub→recv + PG point read";
        String note = unmatchedNote(result)
                + "; commit = committed_at in the change log, applied = each node's reload event timestamp";
        addPercentile(bench, "p50 commit → last node applied", h, 50, redis, pg, floor, "≤ 2 ms", 2.0, note);
        addPercentile(bench, "p99", h, 99, redis, pg, floor, "≤ 10 ms", 10.0, "");
        addPercentile(bench, "p99.9", h, 99.9, redis, pg, floor, "", Double.NaN, "");
        addPercentile(bench, "max", h, 100, redis, pg, floor, "", Double.NaN, "");
        if (redis != null) {
            report.add(Row.of(bench, "baseline: raw Redis publish→receive p50", ms(redis, 50), "ms")
                    .note("p99 " + fmt(ms(redis, 99)) + " ms, plain Lettuce client, same Redis"));
        }
        report.add(Row.of(bench, "baseline: PostgreSQL point read p50", ms(pg, 50), "ms")
                .note("p99 " + fmt(ms(pg, 99)) + " ms, plain JDBC, one tools row by primary key"));
        if (failed > 0) {
            report.note("convergence: " + failed + " mutations failed");
        }
        addHops(Hops.read(cluster.nodes()).since(hopsBefore), sent, redis, pg);
        return h;
    }

    /** The convergence run's hops, as the receiving nodes timed them; the last figures beside. */
    private void addHops(Hops hops, int mutations, Histogram redis, Histogram pg) {
        String bench = "hops of the convergence run (" + mutations + " mutations, 2 peers each)";
        String[] measures = {
            "commit → PUBLISH sent", "PUBLISH → peer's listener", "peer's listener → applied (carried rows)"
        };
        String[] before = {"1.5 ms", "3.9 ms", "1.1 ms (then a catch-up from PostgreSQL)"};
        for (int i = 0; i < Hops.NAMES.size(); i++) {
            String hop = Hops.NAMES.get(i);
            for (double p : new double[] {50, 99}) {
                Row row = Row.of(bench, measures[i] + " p" + (int) p, hops.percentileMs(hop, p), "ms");
                if (i == 1 && redis != null) {
                    row = row.against("raw Redis publish→receive p" + (int) p, ms(redis, p));
                } else if (i == 2) {
                    row = row.against("PostgreSQL point read p" + (int) p, ms(pg, p));
                }
                if (p == 50) {
                    row = row.note(hops.count(hop) + " timed; the issue's last measurement: " + before[i]
                            + "; the value is the upper bound of its histogram bucket (node's timer"
                            + " catalog.propagation.hop, hop=" + hop + ")");
                }
                report.add(row);
            }
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void addPercentile(
            String bench,
            String measure,
            Histogram h,
            double p,
            Histogram redis,
            Histogram pg,
            String floorName,
            String target,
            double targetMs,
            String note) {
        double value = p >= 100 ? h.getMaxValue() / 1000.0 : ms(h, p);
        Row row = Row.of(bench, measure, value, "ms").note(note);
        if (redis != null) {
            double floor = p >= 100 ? (redis.getMaxValue() + pg.getMaxValue()) / 1000.0 : ms(redis, p) + ms(pg, p);
            row = row.against(floorName, floor);
        }
        if (!Double.isNaN(targetMs)) {
            row = row.target(target, h.getTotalCount() > 0 && value <= targetMs);
        }
        report.add(row);
    }

    private static String unmatchedNote(Convergence.ConvergenceResult result) {
        return result.unmatched() == 0
                ? "every revision seen applied on every node"
                : result.unmatched() + " of " + result.revisions()
                        + " revisions without an applying event on some node (not counted)";
    }

    static double ms(Histogram h, double percentile) {
        return h == null || h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }

    static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.2f", v);
    }

    private static Histogram pointReads(String dbUrl, int reads) {
        Histogram micros = new Histogram(60_000_000L, 3);
        try (Connection c = DriverManager.getConnection(dbUrl, "postgres", "");
                PreparedStatement ps = c.prepareStatement("SELECT * FROM tools WHERE name = ?")) {
            for (int i = 0; i < reads + 200; i++) {
                long start = System.nanoTime();
                ps.setString(1, toolName(i % TOOLS));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rs.getString("profiles");
                    }
                }
                if (i >= 200) {
                    micros.recordValue((System.nanoTime() - start) / 1000);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return micros;
    }
}
