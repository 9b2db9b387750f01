package io.toolcatalog.bench.propagation;

import static io.toolcatalog.bench.propagation.ClusterBenchmarks.fmt;

import io.toolcatalog.bench.BenchSettings;
import io.toolcatalog.bench.cluster.Cluster;
import io.toolcatalog.bench.cluster.NodeClient;
import io.toolcatalog.bench.cluster.SeededCluster;
import io.toolcatalog.bench.report.Report;
import io.toolcatalog.bench.report.Row;
import io.toolcatalog.testsupport.ChildProcesses;
import io.toolcatalog.testsupport.NodeProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster run's CPU-per-PUT row alone, quick and repeatable ({@code bench/run --only writecpu}):
 * one node process from the given jar ({@link SeededCluster}: signed messages, so its own message
 * comes back to it as in a cluster), 100 tools,
 * a warm-up of 4,000 updates (at most 60 s), then {@code rounds} windows measured as {@link WriteCpu} does. With a
 * JFR file, one more window, twice as long, records execution samples only, every 2 ms ({@code jcmd
 * JFR.start}/{@code JFR.stop}, the node started with {@code -XX:+DebugNonSafepoints} and stacks 256
 * frames deep: at JFR's 64 a request's stack lost the frames of our code beneath Spring's); its figure is
 * reported apart (the sampling costs CPU too). JFR's own {@code profile} settings instrument so many
 * events that the node fell from about 200 to 35 updates/s while they recorded.
 */
public final class WriteCpuBenchmark {

    private static final Logger log = LoggerFactory.getLogger(WriteCpuBenchmark.class);
    private static final String BENCH = "CPU per write: one node alone takes closed-loop PUTs";
    private static final List<String> PROFILED = List.of(
            "-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints", "-XX:FlightRecorderOptions=stackdepth=256");
    private static final String SAMPLES_ONLY =
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <configuration version="2.0" label="writecpu" description="execution samples only">
              <event name="jdk.ExecutionSample">
                <setting name="enabled">true</setting>
                <setting name="period">2 ms</setting>
              </event>
            </configuration>
            """;

    private final BenchSettings settings;
    private final Report report;
    private final int rounds;
    private final Path jfr;
    private final String token = "bench-" + UUID.randomUUID();

    /** {@code jfr}: where the profiled window's recording goes; null for none. */
    public WriteCpuBenchmark(BenchSettings settings, Report report, int rounds, Path jfr) {
        this.settings = settings;
        this.report = report;
        this.rounds = rounds;
        this.jfr = jfr;
    }

    public void run() {
        List<String> flags = new ArrayList<>(Cluster.JVM_FLAGS);
        if (jfr != null) {
            flags.addAll(PROFILED);
        }
        long millis = settings.quick() ? 2_000 : 10_000;
        int warmUpdates = settings.quick() ? 200 : 4_000;
        try (SeededCluster seeded = SeededCluster.start(
                settings,
                settings.clusterDatabase(),
                1,
                ClusterBenchmarks.TOOLS,
                token,
                flags,
                Map.of(),
                report::note)) {
            NodeClient node = seeded.cluster().nodes().get(0);
            NodeProcess process = seeded.cluster().processes().get(0);
            // by count, not time: 20 s of updates on a loaded machine left the JIT warming through the windows
            MutationDriver.DriveResult warm = MutationDriver.run(
                    List.of(node), ClusterBenchmarks.TOOLS, 0, warmUpdates, 6 * millis, WriteCpu.CLIENTS);
            log.info("warm-up: {} updates in {} s", warm.succeeded(), fmt(warm.seconds()));
            double[] perPut = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                WriteCpu cpu = WriteCpu.measure(process, node, null, millis);
                perPut[r] = cpu.perPutMs();
                report.add(Row.of(BENCH, "writer's CPU per PUT, window " + (r + 1), cpu.perPutMs(), "ms")
                        .note(cpu.note()));
            }
            Arrays.sort(perPut);
            report.add(Row.of(BENCH, "writer's CPU per PUT, median of " + rounds, perPut[rounds / 2], "ms")
                    .target("≤ 0.4 ms", perPut[rounds / 2] <= 0.4)
                    .note("jar " + settings.jar() + "; windows of " + millis / 1000 + " s after a warm-up of "
                            + warm.succeeded() + " updates; range " + fmt(perPut[0]) + "–" + fmt(perPut[rounds - 1])
                            + " ms"));
            if (jfr != null) {
                profiled(process, node, millis);
            }
        }
    }

    /** One more window, twice as long, with JFR recording execution samples, written to {@link #jfr}. */
    private void profiled(NodeProcess process, NodeClient node, long millis) {
        Path jfc;
        try {
            jfc = Files.writeString(Files.createTempFile("writecpu", ".jfc"), SAMPLES_ONLY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log.info(
                "JFR.start: {}",
                ChildProcesses.jcmd(process.pid(), "JFR.start", "name=writecpu", "settings=" + jfc)
                        .strip());
        WriteCpu cpu = WriteCpu.measure(process, node, null, 2 * millis);
        log.info(
                "JFR.stop: {}",
                ChildProcesses.jcmd(process.pid(), "JFR.stop", "name=writecpu", "filename=" + jfr.toAbsolutePath())
                        .strip());
        report.add(Row.of(BENCH, "writer's CPU per PUT under JFR (not comparable)", cpu.perPutMs(), "ms")
                .note(cpu.note() + "; recording " + jfr.toAbsolutePath()));
    }
}
