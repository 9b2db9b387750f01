package io.toolcatalog.bench.reload;

import io.toolcatalog.core.history.ReloadEvent;
import io.toolcatalog.core.reload.CatalogReloader;
import java.util.Arrays;
import java.util.Locale;

/**
 * Full reload ÷ {@code SELECT *} measured in pairs, for a machine too busy for {@link
 * FullReloadBenchmark}'s separate forks: one JVM, one catalog, a warm-up of both, then {@code pairs}
 * rounds that each time one full reload and one {@code SELECT *} back to back (the order alternates),
 * so both sides of a pair see the same load. Gives the medians and minimums of each side and their
 * ratios. {@code bench/run --only paired} runs it with 10,000 tools, 60 s of warm-up and 200 pairs;
 * {@link #main} takes them as arguments.
 */
public final class PairedReload {

    private PairedReload() {}

    /** Arguments: tools (10,000), warm-up seconds (60), pairs (200). */
    public static void main(String[] args) {
        System.out.println(run(
                args.length > 0 ? Integer.parseInt(args[0]) : 10_000,
                args.length > 1 ? Long.parseLong(args[1]) : 60,
                args.length > 2 ? Integer.parseInt(args[2]) : 200));
    }

    /** The measurement, as one line. */
    public static String run(int size, long warmupSeconds, int pairs) {
        long warmupNanos = warmupSeconds * 1_000_000_000L;
        try (BenchCatalog catalog = BenchCatalog.create(size)) {
            CatalogReloader reloader = catalog.newReloader("paired");
            PlainReads plain = new PlainReads(catalog.dataSource());
            long end = System.nanoTime() + warmupNanos;
            while (System.nanoTime() < end) {
                reload(reloader, size);
                plain.selectAll();
            }
            double[] reloads = new double[pairs];
            double[] selects = new double[pairs];
            double[] ratios = new double[pairs];
            for (int i = 0; i < pairs; i++) {
                if (i % 2 == 0) {
                    reloads[i] = timed(() -> reload(reloader, size));
                    selects[i] = timed(plain::selectAll);
                } else {
                    selects[i] = timed(plain::selectAll);
                    reloads[i] = timed(() -> reload(reloader, size));
                }
                ratios[i] = reloads[i] / selects[i];
            }
            return String.format(
                    Locale.ROOT,
                    "paired reload: %d tools, %d pairs: full reload median %.1f ms, min %.1f ms;"
                            + " SELECT * median %.1f ms, min %.1f ms; ratio of medians %.2f, of minimums %.2f,"
                            + " median of the pairs' ratios %.2f",
                    size,
                    pairs,
                    median(reloads),
                    min(reloads),
                    median(selects),
                    min(selects),
                    median(reloads) / median(selects),
                    min(reloads) / min(selects),
                    median(ratios));
        }
    }

    private static void reload(CatalogReloader reloader, int size) {
        ReloadEvent event = reloader.reload(BenchCatalog.fullReload());
        if (!event.success() || reloader.snapshot().size() != size) {
            throw new IllegalStateException("full reload failed: " + event);
        }
    }

    private static double timed(Runnable body) {
        long start = System.nanoTime();
        body.run();
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }
}
