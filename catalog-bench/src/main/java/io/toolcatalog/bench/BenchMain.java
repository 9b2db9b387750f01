package io.toolcatalog.bench;

import io.toolcatalog.bench.http.RolloutReadsBenchmark;
import io.toolcatalog.bench.propagation.ClusterBenchmarks;
import io.toolcatalog.bench.propagation.CostBenchmarks;
import io.toolcatalog.bench.propagation.GrowthBenchmarks;
import io.toolcatalog.bench.propagation.PropagationBenchmarks;
import io.toolcatalog.bench.propagation.WriteCpuBenchmark;
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
import java.util.ArrayList;
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
 * {@code --only jmh|cluster|rollout|propagation|watch|idle|cost|paired|growth|writecpu}, with growth {@code
 * --nodes 1,10,100,1000} and {@code --streams 1000,10000,19000} ({@code none} skips a part), with
 * writecpu {@code --rounds 3} and {@code --jfr <file>}. Environment: {@code CATALOG_TEST_JDBC_URL}, {@code CATALOG_TEST_REDIS_URL},
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
        // the harness's own arguments are bench/run's, not the caller's: --results, and --jar unless
        // the caller named another jar
        List<String> given = new ArrayList<>(list);
        for (String own : List.of("--jar", "--results")) {
            int at = given.indexOf(own);
            boolean builtJar = own.equals("--jar") && jar.equals(Path.of("catalog-node/target/catalog-node.jar"));
            if (at >= 0 && (own.equals("--results") || builtJar)) {
                given.subList(at, Math.min(at + 2, given.size())).clear();
            }
        }
        given.add(0, "bench/run");
        Report report = new Report(String.join(" ", given));
        if (only.equals("all") || only.equals("jmh")) {
            ReloadBenchmarks reloads = new ReloadBenchmarks(settings, report);
            guarded(report, "single-tool catch-up (JMH)", reloads::catchUp);
            guarded(report, "full reload (JMH)", reloads::fullReload);
        }
        if (only.equals("all") || only.equals("cluster")) {
            withJar(report, jar, "cluster benchmarks", () -> new ClusterBenchmarks(settings, report).run());
        }
        if (only.equals("all") || only.equals("rollout")) {
            withJar(report, jar, "reads during a rollout", () -> new RolloutReadsBenchmark(settings, report).run());
        }
        if (only.equals("all") || only.equals("propagation")) {
            withJar(report, jar, "database work and simulated nodes", () -> new PropagationBenchmarks(settings, report)
                    .run());
        }
        if (only.equals("all") || only.equals("watch")) {
            withJar(report, jar, "watch benchmarks", () -> new WatchBenchmarks(settings, report).run());
        }
        if (only.equals("all") || only.equals("idle")) {
            withJar(report, jar, "idle watch streams", () -> new IdleStreamsBenchmark(
                            settings, report, List.of(settings.quick() ? 500 : 19_000), true)
                    .run());
        }
        if (only.equals("paired")) { // not part of "all": full reload ÷ SELECT * in pairs, for a busy machine
            guarded(
                    report,
                    "full reload in pairs",
                    () -> report.note(
                            settings.quick() ? PairedReload.run(1_000, 5, 20) : PairedReload.run(10_000, 60, 200)));
        }
        if (only.equals("cost")) { // not part of "all": the cost model's counts, on servers of its own
            withJar(report, jar, "cost per change", () -> new CostBenchmarks(settings, report).run());
        }
        if (only.equals("growth")) { // not part of "all": the cost model's terms at 1 … 1,000 peers and many streams
            growth(settings, report, jar, list);
        }
        if (only.equals("writecpu")) { // not part of "all": the cluster run's CPU-per-PUT row alone, one node
            String jfr = option(list, "--jfr", null);
            WriteCpuBenchmark cpu = new WriteCpuBenchmark(
                    settings,
                    report,
                    Integer.parseInt(option(list, "--rounds", settings.quick() ? "1" : "3")),
                    jfr == null ? null : Path.of(jfr));
            withJar(report, jar, "CPU per write, one node", cpu::run);
        }
        report.note("process logs: " + logs);
        Path md = ReportWriter.write(report, Machine.describe(), results, name);
        log.info("Report written to {}", md);
        System.out.println(Files.readString(md));
        System.exit(0);
    }

    /** Simulated nodes at {@code --nodes} counts, then idle streams at {@code --streams} counts ("none" skips). */
    private static void growth(BenchSettings settings, Report report, Path jar, List<String> args) {
        List<Integer> nodes = counts(option(args, "--nodes", settings.quick() ? "1,10" : "1,10,100,1000"));
        List<Integer> streams = counts(option(args, "--streams", settings.quick() ? "200,500" : "1000,10000,19000"));
        if (!nodes.isEmpty()) {
            withJar(report, jar, "growth: simulated nodes", () -> new GrowthBenchmarks(settings, report, nodes).run());
        }
        if (!streams.isEmpty()) {
            withJar(report, jar, "growth: idle streams", () -> new IdleStreamsBenchmark(
                            settings, report, streams, false)
                    .run());
        }
    }

    /** Runs {@code body} if the node jar is built (it starts node processes); otherwise says so. */
    private static void withJar(Report report, Path jar, String name, Runnable body) {
        if (Files.isRegularFile(jar)) {
            guarded(report, name, body);
        } else {
            report.note(name + " skipped: " + jar + " not built");
        }
    }

    private static List<Integer> counts(String list) {
        return list.equals("none")
                ? List.of()
                : Arrays.stream(list.split(","))
                        .map(String::trim)
                        .map(Integer::parseInt)
                        .toList();
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
