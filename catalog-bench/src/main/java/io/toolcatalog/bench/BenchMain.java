package io.toolcatalog.bench;

import io.toolcatalog.bench.http.RolloutReadsBenchmark;
import io.toolcatalog.bench.propagation.ClusterBenchmarks;
import io.toolcatalog.bench.propagation.CostBenchmarks;
import io.toolcatalog.bench.propagation.PropagationBenchmarks;
import io.toolcatalog.bench.reload.PairedReload;
import io.toolcatalog.bench.reload.ReloadBenchmarks;
import io.toolcatalog.bench.report.Machine;
import io.toolcatalog.bench.report.Report;
import io.toolcatalog.bench.report.ReportWriter;
import io.toolcatalog.bench.report.Row;
import io.toolcatalog.bench.watch.IdleStreamsBenchmark;
import io.toolcatalog.bench.watch.WatchBenchmarks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark suite's entry point ({@code bench/run} starts it): runs every benchmark and writes
 * {@code <results>/<date>.md} and {@code <results>/<date>-convergence.png}. One benchmark failing is
 * reported as such and the rest still run.
 *
 * <p>Arguments: {@code --quick}, {@code --jar <catalog-node.jar>}, {@code --results <dir>},
 * {@code --only jmh|cluster|rollout|propagation|watch|idle|cost|paired}. Environment: {@code CATALOG_TEST_JDBC_URL}, {@code CATALOG_TEST_REDIS_URL},
 * {@code BENCH_RUN_ID}.
 */
public final class BenchMain {

    private static final Logger log = LoggerFactory.getLogger(BenchMain.class);

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        List<String> list = Arrays.asList(args);
        boolean quick = list.contains("--quick");
        Path jar = Path.of(option(list, "--jar", "catalog-node/target/catalog-node.jar"));
        Path results = Path.of(option(list, "--results", "bench/results"));
        String only = option(list, "--only", "all");
        String runId = env("BENCH_RUN_ID", UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]", "");
        String name =
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm")) + (quick ? "-quick" : "");
        Path logs = results.resolve("logs").resolve(name);
        Files.createDirectories(logs);
        BenchSettings settings = new BenchSettings(
                quick,
                jar.toAbsolutePath(),
                results,
                logs,
                env("CATALOG_TEST_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/test"),
                env("CATALOG_TEST_REDIS_URL", "redis://127.0.0.1:6379"),
                runId);
        System.setProperty("bench.jdbc", settings.jdbcUrl());
        System.setProperty("bench.runId", runId);
        Report report = new Report("bench/run" + (quick ? " --quick" : ""));
        if (only.equals("all") || only.equals("jmh")) {
            ReloadBenchmarks reloads = new ReloadBenchmarks(settings, report);
            guarded(report, "single-tool catch-up (JMH)", reloads::catchUp);
            guarded(report, "full reload (JMH)", reloads::fullReload);
        }
        // each starts nodes from the jar; cost is not part of "all": the cost model's counts, on servers of its own
        List<NodeBenchmark> fromTheJar = List.of(
                new NodeBenchmark(
                        "cluster", true, "cluster benchmarks", "cluster benchmarks", () -> new ClusterBenchmarks(
                                        settings, report)
                                .run()),
                new NodeBenchmark(
                        "rollout",
                        true,
                        "reads during a rollout",
                        "rollout benchmarks",
                        () -> new RolloutReadsBenchmark(settings, report).run()),
                new NodeBenchmark(
                        "propagation",
                        true,
                        "database work and simulated nodes",
                        "propagation benchmarks",
                        () -> new PropagationBenchmarks(settings, report).run()),
                new NodeBenchmark("watch", true, "watch benchmarks", "watch benchmarks", () -> new WatchBenchmarks(
                                settings, report)
                        .run()),
                new NodeBenchmark(
                        "idle",
                        true,
                        "idle watch streams",
                        "idle watch stream benchmarks",
                        () -> new IdleStreamsBenchmark(settings, report).run()),
                new NodeBenchmark(
                        "cost", false, "cost per change", "cost benchmarks", () -> new CostBenchmarks(settings, report)
                                .run()));
        for (NodeBenchmark benchmark : fromTheJar) {
            if (!benchmark.selectedBy(only)) {
                continue;
            }
            if (Files.isRegularFile(jar)) {
                guarded(report, benchmark.title(), benchmark.body());
            } else {
                report.note(benchmark.skipped() + " skipped: " + jar + " not built");
            }
        }
        if (only.equals("paired")) { // not part of "all": full reload ÷ SELECT * in pairs, for a busy machine
            guarded(
                    report,
                    "full reload in pairs",
                    () -> report.note(
                            settings.quick() ? PairedReload.run(1_000, 5, 20) : PairedReload.run(10_000, 60, 200)));
        }
        report.note("process logs: " + logs);
        Path md = ReportWriter.write(report, Machine.describe(), results, name);
        log.info("Report written to {}", md);
        System.out.println(Files.readString(md));
        System.exit(0);
    }

    /**
     * A benchmark against nodes started from the jar: {@code --only name} selects it, and {@code all}
     * does when {@code inAll}; {@code title} names it in the report, {@code skipped} when the jar is missing.
     */
    private record NodeBenchmark(String name, boolean inAll, String title, String skipped, Runnable body) {

        boolean selectedBy(String only) {
            return only.equals(name) || (inAll && only.equals("all"));
        }
    }

    private static void guarded(Report report, String name, Runnable body) {
        log.info("=== {}", name);
        try {
            body.run();
        } catch (RuntimeException e) {
            log.error("{} failed", name, e);
            report.add(Row.of(name, "failed", Double.NaN, "")
                    .target("ran to the end", false)
                    .note(String.valueOf(e.getMessage())));
        }
    }

    private static String option(List<String> args, String name, String fallback) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : fallback;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
