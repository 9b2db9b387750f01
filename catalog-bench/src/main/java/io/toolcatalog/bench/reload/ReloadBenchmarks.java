package io.toolcatalog.bench.reload;

import io.toolcatalog.bench.BenchSettings;
import io.toolcatalog.bench.report.Report;
import io.toolcatalog.bench.report.Row;
import io.toolcatalog.core.reload.CatalogReloader;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs the JMH benchmarks (each in a forked JVM) and measures the snapshot's retained heap. */
public final class ReloadBenchmarks {

    private final BenchSettings settings;
    private final Report report;

    public ReloadBenchmarks(BenchSettings settings, Report report) {
        this.settings = settings;
        this.report = report;
    }

    public void catchUp() {
        String[] sizes = settings.quick() ? new String[] {"100"} : new String[] {"1000", "10000"};
        Map<String, Double> us = run(CatchUpBenchmark.class, sizes);
        for (String size : sizes) {
            double catchUp = us.getOrDefault("catchUp/" + size, Double.NaN) / 1000;
            double point = us.getOrDefault("pointRead/" + size, Double.NaN) / 1000;
            report.add(Row.of(
                            "single-tool catch-up (JMH), snapshot of " + size + " tools",
                            "time per catch-up",
                            catchUp,
                            "ms")
                    .against("PostgreSQL point read by primary key", point)
                    .target("≤ 0.3 ms", catchUp <= 0.3));
            double since = us.getOrDefault("readSince/" + size, Double.NaN) / 1000;
            report.add(Row.of(
                            "single-tool catch-up (JMH), snapshot of " + size + " tools",
                            "of which: its one SQL statement (readSince)",
                            since,
                            "ms")
                    .against("PostgreSQL point read by primary key", point)
                    .note("the rest of a catch-up is the snapshot apply, the reload event and its log line"));
        }
    }

    public void fullReload() {
        String[] sizes = settings.quick() ? new String[] {"100", "1000"} : new String[] {"1000", "10000", "100000"};
        Map<String, Double> ms = run(FullReloadBenchmark.class, sizes);
        for (String size : sizes) {
            int n = Integer.parseInt(size);
            double reload = ms.getOrDefault("reload/" + size, Double.NaN);
            double plain = ms.getOrDefault("selectAll/" + size, Double.NaN);
            Row row = Row.of(
                            "full reload (JMH), " + String.format(Locale.ROOT, "%,d", n) + " tools",
                            "time",
                            reload,
                            "ms")
                    .against("SELECT * into plain objects, plain JDBC", plain)
                    .note(String.format(Locale.ROOT, "%.2f µs per tool", reload * 1000 / n));
            report.add(n == 10_000 ? row.target("≤ 50 ms", reload <= 50) : row);
        }
        String small = sizes[0];
        String large = sizes[sizes.length - 1];
        double growth = perTool(ms, "reload", large) / perTool(ms, "reload", small);
        double plainGrowth = perTool(ms, "selectAll", large) / perTool(ms, "selectAll", small);
        report.add(Row.of(
                        "full reload (JMH), " + small + " → " + large + " tools",
                        "time per tool, largest size ÷ smallest",
                        growth,
                        "×")
                .against("the same for SELECT * into plain objects", plainGrowth)
                .target("cost linear in size: ≤ 1.5×", growth <= 1.5));
        for (String size : sizes) {
            heapPerTool(Integer.parseInt(size));
        }
    }

    private static double perTool(Map<String, Double> ms, String method, String size) {
        return ms.getOrDefault(method + "/" + size, Double.NaN) / Integer.parseInt(size);
    }

    private void heapPerTool(int size) {
        try (BenchCatalog catalog = BenchCatalog.create(size)) {
            CatalogReloader reloader = catalog.newReloader("heap");
            long snapshot = RetainedHeap.of(() -> {
                reloader.reload(BenchCatalog.fullReload());
                return reloader;
            });
            PlainReads plain = new PlainReads(catalog.dataSource());
            long rows = RetainedHeap.of(plain::selectAll);
            report.add(Row.of(
                            "full reload, " + String.format(Locale.ROOT, "%,d", size) + " tools",
                            "retained heap per tool (snapshot)",
                            (double) snapshot / size,
                            "bytes")
                    .against("the plain objects of SELECT *", (double) rows / size)
                    .note("used heap after full GCs, with and without it held"));
        }
    }

    private Map<String, Double> run(Class<?> benchmark, String[] sizes) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(benchmark.getName() + "\\.")
                .param("size", sizes)
                .forks(1)
                .warmupIterations(settings.quick() ? 1 : 3)
                .warmupTime(TimeValue.seconds(settings.quick() ? 1 : 2))
                .measurementIterations(settings.quick() ? 1 : 5)
                .measurementTime(TimeValue.seconds(settings.quick() ? 1 : 2))
                .jvmArgs(
                        "-Xms1g",
                        "-Xmx2g",
                        "-Dbench.jdbc=" + settings.jdbcUrl(),
                        "-Dbench.runId=" + settings.runId(),
                        "-Dlogback.configurationFile=bench-logback.xml",
                        "-Dbench.logFile=" + settings.logs().toAbsolutePath().resolve("jmh-forks.log"));
        Collection<RunResult> results;
        try {
            results = new Runner(options.build()).run();
        } catch (RunnerException e) {
            throw new IllegalStateException("JMH failed: " + e.getMessage(), e);
        }
        Map<String, Double> scores = new HashMap<>();
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            String method = label.substring(label.lastIndexOf('.') + 1);
            scores.put(
                    method + "/" + r.getParams().getParam("size"),
                    r.getPrimaryResult().getScore());
        }
        return scores;
    }
}
