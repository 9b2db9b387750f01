package io.toolcatalog.bench.watch;

import io.toolcatalog.bench.BenchSettings;
import io.toolcatalog.bench.cluster.Cluster;
import io.toolcatalog.bench.cluster.NodeClient;
import io.toolcatalog.bench.cluster.SeededCluster;
import io.toolcatalog.bench.report.Report;
import io.toolcatalog.bench.report.Row;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watch stream's benchmarks on two node processes: a change committed through node 1 reaching
 * 1, 100 and 1,000 watchers on node 2 (beside raw Redis pub/sub to as many subscribers, same run),
 * then 10,000 idle streams on node 2: heap per stream, CPU at idle, one change to all of them.
 */
public final class WatchBenchmarks {

    private static final Logger log = LoggerFactory.getLogger(WatchBenchmarks.class);
    private static final int TOOLS = 100;
    /** Room for 10,000 streams: the node's usual flags but a 2 GB heap. */
    private static final List<String> JVM_FLAGS = List.of("-Xms256m", "-Xmx2g", "-XX:+UseG1GC");

    private final BenchSettings settings;
    private final Report report;
    private final String token = "bench-" + UUID.randomUUID();

    public WatchBenchmarks(BenchSettings settings, Report report) {
        this.settings = settings;
        this.report = report;
    }

    public void run() {
        try (SeededCluster seeded = SeededCluster.start(
                settings, settings.clusterDatabase(), 2, TOOLS, token, JVM_FLAGS, Map.of(), report::note)) {
            Cluster cluster = seeded.cluster();
            int[] sizes = settings.quick() ? new int[] {1, 10} : new int[] {1, 100, 1000};
            for (int watchers : sizes) {
                fanOut(cluster, cluster.name(), watchers, settings.quick() ? 20 : watchers == 1000 ? 100 : 200);
            }
            idle(cluster, settings.quick() ? 500 : 10_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void fanOut(Cluster cluster, String clusterName, int watchers, int rounds) throws IOException {
        log.info("watch fan-out: {} watchers, {} changes", watchers, rounds);
        NodeClient writer = cluster.nodes().get(0);
        NodeClient watched = cluster.nodes().get(1);
        Histogram toAll = new Histogram(60_000_000L, 3);
        Histogram each;
        int timeouts = 0;
        try (SseFanout fanout = new SseFanout(port(watched), watchers, watched.appliedRevision())) {
            awaitAccepted(fanout, watchers, Duration.ofSeconds(60));
            for (int i = 0; i < rounds + 10; i++) {
                if (i == 10) {
                    fanout.resetLatencies(); // the first 10 warm the paths and the JIT
                    toAll.reset();
                }
                fanout.startRound();
                writer.updateDescription("bench-tool-" + (i % TOOLS), "watch " + watchers + " " + i);
                long micros = fanout.awaitRound(10_000);
                if (micros < 0) {
                    timeouts++;
                    break;
                }
                toAll.recordValue(Math.min(micros, toAll.getHighestTrackableValue()));
                RedisFanout.pause(10);
            }
            each = fanout.latencies();
        }
        Histogram redis = RedisFanout.measure(
                settings.redisUrl(), clusterName + ":bench-fanout", watchers, Math.min(rounds, 100));
        String bench = "watch: commit on node 1 → change event at " + watchers + " watcher(s) on node 2";
        String note = "from the PUT sent (so it includes the request up to commit) to each stream's event; "
                + each.getTotalCount() + " deliveries";
        report.distribution("watch commit → event, " + watchers + " watchers", each);
        report.add(Row.of(bench, "p50 commit → event", ms(each, 50), "ms")
                .against("raw Redis pub/sub to " + watchers + " subscribers p50", ms(redis, 50))
                .target("≤ 5 ms", ms(each, 50) <= 5)
                .note(note));
        report.add(Row.of(bench, "p99 commit → event", ms(each, 99), "ms")
                .against("raw Redis pub/sub p99", ms(redis, 99))
                .target("≤ 20 ms", ms(each, 99) <= 20));
        report.add(Row.of(bench, "p99 commit → last watcher", ms(toAll, 99), "ms")
                .note(timeouts > 0 ? "a round timed out after 10 s" : ""));
    }

    private void idle(Cluster cluster, int streams) throws IOException {
        log.info("idle watchers: {} streams on one node", streams);
        NodeClient writer = cluster.nodes().get(0);
        NodeClient watched = cluster.nodes().get(1);
        long pid = cluster.processes().get(1).pid();
        long heapBefore = NodeProbe.heapAfterGc(pid);
        String bench = "watch: " + streams + " idle streams on one node";
        try (SseFanout fanout = new SseFanout(port(watched), streams, watched.appliedRevision())) {
            awaitAccepted(fanout, streams, Duration.ofSeconds(120));
            RedisFanout.pause(2000);
            long heapAfter = NodeProbe.heapAfterGc(pid);
            double perStream = (heapAfter - heapBefore) / (double) streams / 1024;
            report.add(Row.of(bench, "heap per stream", perStream, "KB")
                    .target("< 50 KB", perStream < 50)
                    .note("live heap after a full GC, with the streams open minus before; node -Xmx2g"));
            Duration window = settings.quick() ? Duration.ofSeconds(5) : Duration.ofSeconds(30);
            long ticks = NodeProbe.cpuTicks(pid);
            RedisFanout.pause(window.toMillis());
            double cpu = (NodeProbe.cpuTicks(pid) - ticks) / 100.0 / window.toSeconds() * 100;
            report.add(Row.of(bench, "CPU at idle", cpu, "% of a core")
                    .note("over " + window.toSeconds() + " s: heartbeats every 15 s, consumer reports, the"
                            + " node's own sync"));
            Histogram toAll = new Histogram(60_000_000L, 3);
            int timeouts = 0;
            for (int i = 0; i < 5; i++) {
                fanout.startRound();
                writer.updateDescription("bench-tool-" + i, "idle " + i);
                long micros = fanout.awaitRound(30_000);
                if (micros < 0) {
                    timeouts++;
                    break;
                }
                toAll.recordValue(micros);
                RedisFanout.pause(500);
            }
            report.add(Row.of(bench, "one change to all streams (median of 5)", ms(toAll, 50), "ms")
                    .target("≤ 1 s", timeouts == 0 && ms(toAll, 50) <= 1000)
                    .note("max " + fmt(ms(toAll, 100)) + " ms" + (timeouts > 0 ? "; a round timed out" : "")));
        }
    }

    private static void awaitAccepted(SseFanout fanout, int count, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (fanout.accepted() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(fanout.accepted() + " of " + count + " watch streams opened");
            }
            RedisFanout.pause(20);
        }
    }

    private static int port(NodeClient node) {
        return Integer.parseInt(node.base().replaceAll(".*:(\\d+).*", "$1"));
    }

    private static double ms(Histogram micros, double percentile) {
        return micros.getTotalCount() == 0 ? Double.NaN : micros.getValueAtPercentile(percentile) / 1000.0;
    }

    private static String fmt(double value) {
        return String.format("%.1f", value);
    }
}
