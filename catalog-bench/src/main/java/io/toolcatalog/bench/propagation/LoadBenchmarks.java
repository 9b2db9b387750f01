package io.toolcatalog.bench.propagation;

import static io.toolcatalog.bench.propagation.ClusterBenchmarks.TOOLS;
import static io.toolcatalog.bench.propagation.ClusterBenchmarks.fmt;
import static io.toolcatalog.bench.propagation.ClusterBenchmarks.ms;

import io.toolcatalog.bench.BenchSettings;
import io.toolcatalog.bench.cluster.Cluster;
import io.toolcatalog.bench.cluster.ClusterDatabase;
import io.toolcatalog.bench.cluster.Convergence;
import io.toolcatalog.bench.cluster.NodeClient;
import io.toolcatalog.bench.report.Report;
import io.toolcatalog.bench.report.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The loaded stages of the cluster run: a reload storm (many mutations offered at once, which the
 * nodes should coalesce) and convergence under sustained load, at saturation and at a fixed rate.
 */
final class LoadBenchmarks {

    /** Client threads of the loaded stages: 8 per node, what a node admits at once by default. */
    private static final int WRITERS = 24;

    private final BenchSettings settings;
    private final Report report;

    /** Updates/s node 1 took alone in {@link #cpuPerWrite}: the sustained rate's same-run baseline. */
    private double aloneRate = Double.NaN;

    LoadBenchmarks(BenchSettings settings, Report report) {
        this.settings = settings;
        this.report = report;
    }

    Void storm(Cluster cluster, String dbUrl) {
        int mutations = settings.quick() ? 200 : 1000;
        int rate = settings.quick() ? 200 : 1000;
        long from = ClusterDatabase.currentRevision(dbUrl);
        List<Long> before =
                cluster.nodes().stream().map(NodeClient::reloadCount).toList();
        MutationDriver.DriveResult sent = MutationDriver.run(cluster.nodes(), TOOLS, rate, mutations, 30_000, WRITERS);
        Convergence.ConvergenceResult tail = tail(cluster, dbUrl, from, sent.lastRevision());
        Convergence.ConvergenceResult lastOne = tail(cluster, dbUrl, sent.lastRevision() - 1, sent.lastRevision());
        String bench = "reload storm: " + sent.succeeded() + " mutations offered at " + rate + "/s";
        List<String> perNode = new ArrayList<>();
        long maxReloads = 0;
        for (int i = 0; i < cluster.nodes().size(); i++) {
            long reloads = cluster.nodes().get(i).reloadCount() - before.get(i);
            maxReloads = Math.max(maxReloads, reloads);
            perNode.add(cluster.nodes().get(i).nodeId() + ": " + reloads);
        }
        report.add(Row.of(bench, "reloads performed, busiest node", maxReloads, "reloads")
                .against("mutations", sent.succeeded())
                .target("coalesced: far fewer reloads than mutations (≤ 0.5×)", maxReloads <= sent.succeeded() / 2)
                .note("per node " + String.join(", ", perNode)
                        + "; a node's own mutations each need a read-your-writes apply, others' coalesce"));
        report.add(Row.of(
                        bench,
                        "last mutation's commit → all nodes applied",
                        lastOne.micros().getTotalCount() == 0
                                ? Double.NaN
                                : lastOne.micros().getMaxValue() / 1000.0,
                        "ms")
                .note("the storm took " + fmt(sent.seconds()) + " s (" + fmt(sent.perSecond())
                        + " mutations/s achieved); convergence p99 over its last "
                        + tail.micros().getTotalCount()
                        + " revisions " + fmt(ms(tail.micros(), 99)) + " ms"
                        + (sent.failed() > 0 ? "; " + sent.failed() + " failed: " + sent.firstError() : "")));
        return null;
    }

    /**
     * {@code floorP99}: raw Redis publish→receive p99 plus a PostgreSQL point read p99 of the same
     * run (NaN when not measured), the floor the convergence rows are set beside.
     */
    Void underLoad(Cluster cluster, String dbUrl, double floorP99) {
        long seconds = settings.quick() ? 2 : 10;
        // 8 writers per node: as many as a node admits at once (catalog.writes.max-concurrent), so
        // group commit has company to batch, and none is turned away with a 503
        int clients = WRITERS;
        // saturation: closed loop, as fast as the cluster answers
        long from = ClusterDatabase.currentRevision(dbUrl);
        MutationDriver.DriveResult max =
                MutationDriver.run(cluster.nodes(), TOOLS, 0, Integer.MAX_VALUE, seconds * 1000, clients);
        Convergence.ConvergenceResult atMax = tail(cluster, dbUrl, from, max.lastRevision());
        report.distribution("convergence at saturation (" + fmt(max.perSecond()) + "/s), run's tail", atMax.micros());
        String bench = "convergence under load: 3 nodes";
        Row sustained = Row.of(
                bench, "highest sustained rate (closed loop, " + clients + " clients)", max.perSecond(), "mutations/s");
        if (!Double.isNaN(aloneRate)) {
            sustained = sustained.against("node 1 alone, 8 clients (the CPU-per-write window)", aloneRate);
        }
        report.add(sustained
                .target("≥ 1,000 mutations/s", max.perSecond() >= 1000)
                .note("convergence p99 over the run's last " + atMax.micros().getTotalCount() + " revisions "
                        + fmt(ms(atMax.micros(), 99)) + " ms, p50 " + fmt(ms(atMax.micros(), 50)) + " ms"
                        + (max.failed() > 0 ? "; " + max.failed() + " failed: " + max.firstError() : "")));
        // 500/s offered open loop, in bursts: the tail of each burst is read after it (the history API
        // returns 100 events per node), so nothing polls the nodes while a burst is measured
        int rate = settings.quick() ? 100 : 500;
        int bursts = settings.quick() ? 1 : 8;
        long burstMillis = 2000;
        Histogram atRate = new Histogram(Duration.ofMinutes(5).toNanos() / 1000, 3);
        int succeeded = 0;
        int failed = 0;
        double achieved = Double.POSITIVE_INFINITY;
        for (int b = 0; b < bursts; b++) {
            from = ClusterDatabase.currentRevision(dbUrl);
            MutationDriver.DriveResult paced = MutationDriver.run(
                    cluster.nodes(), TOOLS, rate, (int) (rate * burstMillis / 1000), burstMillis + 5000, WRITERS);
            atRate.add(tail(cluster, dbUrl, from, paced.lastRevision()).micros());
            succeeded += paced.succeeded();
            failed += paced.failed();
            achieved = Math.min(achieved, paced.perSecond());
        }
        double p99 = ms(atRate, 99);
        boolean met = achieved >= rate * 0.98 && failed == 0 && p99 <= 20;
        Row atRateRow = Row.of(bench, "convergence p99 at " + rate + " mutations/s offered", p99, "ms");
        if (!Double.isNaN(floorP99)) {
            atRateRow = atRateRow.against("raw Redis publish→receive p99 + PostgreSQL point read p99", floorP99);
        }
        report.add(atRateRow
                .target("≤ 20 ms while sustaining 500/s", met && rate >= 500)
                .note(bursts + " bursts of " + burstMillis / 1000 + " s; slowest burst achieved " + fmt(achieved)
                        + " mutations/s (" + succeeded + " sent, " + failed + " failed); p50 " + fmt(ms(atRate, 50))
                        + " ms over each burst's last revisions (" + atRate.getTotalCount() + " in all)"));
        report.distribution("convergence at " + rate + "/s offered, bursts' tails", atRate);
        return null;
    }

    /**
     * CPU per PUT on the writer ({@link WriteCpu}): node 1 alone takes closed-loop updates. Same-run
     * baseline: what node 2 spent per change it applied from the same updates.
     */
    Void cpuPerWrite(Cluster cluster) {
        long millis = settings.quick() ? 2_000 : 10_000;
        WriteCpu cpu = WriteCpu.measure(
                cluster.processes().get(0),
                cluster.nodes().get(0),
                cluster.processes().get(1),
                millis);
        aloneRate = cpu.run().perSecond();
        report.add(Row.of(
                        "CPU per write: node 1 alone takes closed-loop PUTs",
                        "writer's CPU per PUT",
                        cpu.perPutMs(),
                        "ms")
                .against("node 2's CPU per change it applied", cpu.peerPerChangeMs())
                .target("≤ 0.4 ms", cpu.perPutMs() <= 0.4)
                .note(cpu.note()));
        return null;
    }

    /**
     * Convergence over the revisions every node's last 100 reload events cover (the history API's
     * limit): the tail of a run, read after it, so nothing polls the nodes while they are measured.
     */
    private Convergence.ConvergenceResult tail(Cluster cluster, String dbUrl, long from, long last) {
        cluster.awaitApplied(last, Duration.ofSeconds(10));
        Map<String, Map<Long, Instant>> seen = new TreeMap<>();
        long coveredFrom = from + 1;
        for (NodeClient node : cluster.nodes()) {
            TreeMap<Long, Instant> mine = new TreeMap<>();
            node.foldHistory(mine);
            seen.put(node.nodeId(), mine);
            coveredFrom = Math.max(coveredFrom, mine.isEmpty() ? last + 1 : mine.firstKey());
        }
        return Convergence.of(ClusterDatabase.commits(dbUrl, coveredFrom - 1, last), seen);
    }
}
