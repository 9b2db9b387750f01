package io.toolcatalog.bench.watch;

import io.toolcatalog.bench.BenchSettings;
import io.toolcatalog.bench.cluster.Cluster;
import io.toolcatalog.bench.cluster.NodeClient;
import io.toolcatalog.bench.cluster.SeededCluster;
import io.toolcatalog.bench.report.Report;
import io.toolcatalog.bench.report.Row;
import io.toolcatalog.testsupport.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Idle watch streams on one node process at {@code -Xmx512m}: many on the watch port ({@code
 * catalog.watch.port}), then a count the servlet container survives on the main port, in the same
 * run. For each: heap per stream (live heap after a full GC with the streams open, minus
 * before), open files, CPU at idle, one change to the last stream (5 rounds) and the p99 of reads
 * made meanwhile. The streams are held by this harness process (one selector thread), so node and
 * harness each stay under the per-process open-file limit.
 */
public final class IdleStreamsBenchmark {

    /** The watch port's I/O threads as {@code /proc} names them (15 characters). */
    private static final String WATCH_IO = "catalog-watch-i";

    private static final Logger log = LoggerFactory.getLogger(IdleStreamsBenchmark.class);
    private static final int TOOLS = 100;
    private static final int ROUNDS = 5;
    /**
     * Changes sent before the measured rounds: the first ones run the fan-out's and the readers' code
     * cold, and the JIT compiling it then took 140–420 ms of the 2 cores in each of the first rounds.
     */
    private static final int WARM_UP = 3;

    private final BenchSettings settings;
    private final Report report;
    private final String token = "bench-" + UUID.randomUUID();

    private final List<Integer> watchPortCounts;
    private final boolean tomcatToo;

    /**
     * Streams on the watch port at each of {@code watchPortCounts} in turn (each set closed before
     * the next), then, if {@code mainPort}, a few on Tomcat's.
     */
    public IdleStreamsBenchmark(
            BenchSettings settings, Report report, List<Integer> watchPortCounts, boolean mainPort) {
        this.settings = settings;
        this.report = report;
        this.watchPortCounts = List.copyOf(watchPortCounts);
        this.tomcatToo = mainPort;
    }

    public void run() {
        int watchPort = Ports.free();
        Map<String, String> env =
                Map.of("CATALOG_WATCH_PORT", String.valueOf(watchPort), "CATALOG_WATCH_MAXCONNECTIONS", "20000");
        try (SeededCluster seeded = SeededCluster.start(
                settings,
                settings.clusterDatabase() + "_idle",
                1,
                TOOLS,
                token,
                Cluster.JVM_FLAGS,
                env,
                report::note)) {
            Cluster cluster = seeded.cluster();
            NodeClient node = cluster.nodes().get(0);
            long pid = cluster.processes().get(0).pid();
            int mainPort = Integer.parseInt(node.base().replaceAll(".*:(\\d+).*", "$1"));
            // the watch port first: its closed streams free everything at once, while Tomcat keeps
            // processors and buffers of closed requests cached, which would count against the next
            for (int streams : watchPortCounts) {
                measure(node, pid, "watch port (Netty)", watchPort, streams);
                Cluster.pause(5_000);
            }
            if (tomcatToo) {
                measure(node, pid, "main port (Tomcat)", mainPort, settings.quick() ? 200 : 2_000);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void measure(NodeClient node, long pid, String where, int port, int streams) throws IOException {
        log.info("idle streams: {} on the {}", streams, where);
        String bench = "watch: " + streams + " idle streams, " + where + ", node -Xmx512m";
        long heapBefore = NodeProbe.heapAfterGc(pid);
        long filesBefore = NodeProbe.openFiles(pid);
        long residentBefore = NodeProbe.residentBytes(pid);
        try (SseFanout fanout = new SseFanout(port, streams, node.appliedRevision())) {
            awaitAccepted(fanout, streams);
            Cluster.pause(2000);
            long heapAfter = NodeProbe.heapAfterGc(pid);
            Files.writeString(settings.logs().resolve("histogram-" + port + ".txt"), NodeProbe.histogram(pid, 40));
            double perStream = (heapAfter - heapBefore) / (double) streams / 1024;
            report.add(Row.of(bench, "heap per stream", perStream, "KB")
                    .target("≤ 8 KB", perStream <= 8)
                    .note("live heap after a full GC with the streams open minus before (" + (heapBefore >> 20) + " → "
                            + (heapAfter >> 20) + " MB); class histogram in the logs"));
            long resident = NodeProbe.residentBytes(pid);
            report.add(Row.of(
                            bench,
                            "resident memory per stream",
                            (resident - residentBefore) / (double) streams / 1024,
                            "KB")
                    .note("the process's RSS (heap as the JVM grew it, off-heap buffers, threads) with minus before; "
                            + (resident >> 20) + " MB with"));
            long files = NodeProbe.openFiles(pid);
            report.add(Row.of(bench, "open files per stream", (files - filesBefore) / (double) streams, "")
                    .note(files + " open in the node"));
            Duration window = settings.quick() ? Duration.ofSeconds(5) : Duration.ofSeconds(30);
            long ticks = NodeProbe.cpuTicks(pid);
            Cluster.pause(window.toMillis());
            double cpu = (NodeProbe.cpuTicks(pid) - ticks) / 100.0 / window.toSeconds() * 100;
            report.add(Row.of(bench, "CPU at idle", cpu, "% of a core")
                    .note("over " + window.toSeconds()
                            + " s: heartbeats every 15 s, consumer reports, the node's sync"));
            deliver(node, pid, fanout, bench, streams);
        }
    }

    /**
     * One change at a time to every stream, while two readers read a tool in a closed loop: {@link
     * #WARM_UP} changes, then {@link #ROUNDS} measured ones.
     */
    private void deliver(NodeClient node, long pid, SseFanout fanout, String bench, int streams) {
        Histogram toLast = new Histogram(60_000_000L, 3);
        Histogram reads = new Histogram(60_000_000L, 3);
        Histogram puts = new Histogram(60_000_000L, 3);
        Histogram first = new Histogram(60_000_000L, 3);
        Histogram median = new Histogram(60_000_000L, 3);
        long readerCpu = 0;
        ClosedLoopReaders readers =
                new ClosedLoopReaders(node.base() + "/api/v1/tools/bench-tool-" + (TOOLS - 1), reads);
        int timeouts = 0;
        long deliveryTicks = 0;
        long cold = -1;
        try {
            Cluster.pause(1000);
            for (int i = 0; i < WARM_UP + ROUNDS; i++) {
                Map<String, Long> threadsBefore = NodeProbe.threadTicksByName(pid);
                long[] machineBefore = NodeProbe.machineTicks();
                fanout.startRound(); // the clock starts as the PUT is sent, not before the probe above
                long sent = System.nanoTime();
                node.updateDescription("bench-tool-" + i, "idle " + i + " " + UUID.randomUUID());
                long answered = (System.nanoTime() - sent) / 1000;
                long micros = fanout.awaitRound(30_000);
                long[] machineAfter = NodeProbe.machineTicks();
                Map<String, Long> threadsAfter = NodeProbe.threadTicksByName(pid);
                if (micros < 0) {
                    timeouts++;
                    break;
                }
                SseFanout.Round round = fanout.lastRound();
                cold = i == 0 ? micros : cold;
                if (i >= WARM_UP) {
                    puts.recordValue(answered);
                    deliveryTicks += ticksOf(threadsAfter, WATCH_IO) - ticksOf(threadsBefore, WATCH_IO);
                    toLast.recordValue(Math.min(micros, toLast.getHighestTrackableValue()));
                    first.recordValue(round.firstMicros());
                    median.recordValue(round.medianMicros());
                    readerCpu += round.readerCpuMicros();
                }
                log.info(
                        "idle streams: {} streams, round {}{}: PUT answered {} µs; first stream {} µs, median {} µs,"
                                + " last {} µs; the harness's reader {} µs of CPU in {} wake-ups; machine busy {} of"
                                + " {} ms (all cores); node's busiest threads: {}",
                        streams,
                        i,
                        i < WARM_UP ? " (warm-up)" : "",
                        answered,
                        round.firstMicros(),
                        round.medianMicros(),
                        round.lastMicros(),
                        round.readerCpuMicros(),
                        round.wakeUps(),
                        (machineAfter[0] - machineBefore[0]) * 10,
                        (machineAfter[1] - machineBefore[1]) * 10,
                        NodeProbe.busiestThreads(threadsBefore, threadsAfter, 6));
                Cluster.pause(1000);
            }
        } finally {
            readers.stop();
        }
        double max = toLast.getTotalCount() == 0 ? Double.NaN : toLast.getMaxValue() / 1000.0;
        report.add(Row.of(bench, "one change to the last stream (max of " + ROUNDS + ")", max, "ms")
                .against("the PUT's own response, max", puts.getMaxValue() / 1000.0)
                .target("≤ 500 ms", timeouts == 0 && max <= 500)
                .note("from the PUT sent, after " + WARM_UP + " changes to warm up; median "
                        + String.format("%.1f", toLast.getValueAtPercentile(50) / 1000.0) + " ms; the first change"
                        + " after the streams opened (cold code): " + String.format("%.1f", cold / 1000.0) + " ms"
                        + (timeouts > 0 ? "; a round timed out" : "")));
        int rounds = (int) toLast.getTotalCount();
        if (rounds > 0) {
            report.add(Row.of(bench, "one change to the first stream (median of rounds)", ms(first), "ms")
                    .note("from the PUT sent to the first stream holding the whole event; the median stream: "
                            + String.format("%.1f", ms(median)) + " ms (median of rounds)"));
            double readerUs = readerCpu / (double) rounds / streams;
            report.add(Row.of(bench, "harness reader CPU per stream per change", readerUs, "µs")
                    .note("the harness's one reading thread from the PUT sent to the last stream, mean of " + rounds
                            + " rounds: it shares the cores with the node"));
            // the watch port's threads from each PUT sent to its last stream served: the streams' writes
            double cpuMs = deliveryTicks * 10.0 / rounds;
            report.add(Row.of(bench, "watch port CPU per change", cpuMs, "ms")
                    .note(String.format("%.1f", cpuMs * 1000 / streams) + " µs per stream; the watch port's I/O"
                            + " threads from the PUT sent to the last stream served, mean of " + rounds
                            + " (10 ms ticks; its idle heartbeats included)"));
        }
        double p99 = reads.getTotalCount() == 0 ? Double.NaN : reads.getValueAtPercentile(99) / 1000.0;
        report.add(Row.of(bench, "read p99 meanwhile", p99, "ms")
                .target("≤ 50 ms", p99 <= 50)
                .note(reads.getTotalCount() + " GET /tools/{name} by 2 closed-loop readers; p50 "
                        + String.format("%.2f", reads.getValueAtPercentile(50) / 1000.0) + " ms"));
    }

    private static long ticksOf(Map<String, Long> byName, String prefix) {
        return byName.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    private static double ms(Histogram micros) {
        return micros.getValueAtPercentile(50) / 1000.0;
    }

    private static void awaitAccepted(SseFanout fanout, int count) {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (fanout.accepted() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(fanout.accepted() + " of " + count + " watch streams opened");
            }
            Cluster.pause(50);
        }
    }
}
