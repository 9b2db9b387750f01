package io.toolcatalog.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Writes {@code <name>.md} (tables) and {@code <name>-convergence.png} (the chart) into a directory. */
public final class ReportWriter {

    private ReportWriter() {}

    /** Returns the markdown file written. */
    public static Path write(Report report, Machine machine, Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Path png = dir.resolve(name + "-convergence.png");
        ConvergenceChart.write(report.distributions(), png);
        Path md = dir.resolve(name + ".md");
        Files.writeString(md, markdown(report, machine, png.getFileName().toString()));
        return md;
    }

    static String markdown(Report report, Machine machine, String chart) {
        StringBuilder out = new StringBuilder();
        out.append("# Benchmark results ").append(chart.replace("-convergence.png", ""));
        out.append("\n\nEvery figure stands beside a baseline measured in the same run and its ratio to it:")
                .append(" the machine is shared, so absolute times drift and ratios are the steadier signal.\n\n");
        out.append("| benchmark | measure | value | same-run baseline | ratio | target | met |\n");
        out.append("|---|---|---:|---|---:|---|---|\n");
        for (Row r : report.rows()) {
            out.append("| ").append(r.benchmark());
            out.append(" | ").append(r.measure());
            out.append(" | ").append(number(r.value())).append(' ').append(r.unit());
            out.append(" | ");
            if (r.baseline() != null) {
                out.append(r.baselineName())
                        .append(": ")
                        .append(number(r.baseline()))
                        .append(' ')
                        .append(r.unit());
            } else {
                out.append("—");
            }
            out.append(" | ").append(Double.isNaN(r.ratio()) ? "—" : String.format(Locale.ROOT, "%.2f×", r.ratio()));
            out.append(" | ").append(r.target().isEmpty() ? "—" : r.target());
            out.append(" | ").append(r.met() == null ? "—" : r.met() ? "**met**" : "**missed**");
            out.append(" |\n");
        }
        boolean anyNote = report.rows().stream().anyMatch(r -> !r.note().isEmpty());
        if (anyNote) {
            out.append("\nNotes on rows:\n\n");
            for (Row r : report.rows()) {
                if (!r.note().isEmpty()) {
                    out.append("- ")
                            .append(r.benchmark())
                            .append(", ")
                            .append(r.measure())
                            .append(": ")
                            .append(r.note())
                            .append('\n');
                }
            }
        }
        Map<String, Histogram> distributions = report.distributions();
        if (!distributions.isEmpty()) {
            out.append("\n## Latency distributions (ms)\n\n");
            out.append("| series | n | p50 | p90 | p99 | p99.9 | max |\n|---|---:|---:|---:|---:|---:|---:|\n");
            distributions.forEach((series, h) -> out.append("| ")
                    .append(series)
                    .append(" | ")
                    .append(h.getTotalCount())
                    .append(" | ")
                    .append(ms(h, 50))
                    .append(" | ")
                    .append(ms(h, 90))
                    .append(" | ")
                    .append(ms(h, 99))
                    .append(" | ")
                    .append(ms(h, 99.9))
                    .append(" | ")
                    .append(number(h.getMaxValue() / 1000.0))
                    .append(" |\n"));
            out.append("\n![convergence latency distribution](").append(chart).append(")\n");
        }
        if (!report.notes().isEmpty()) {
            out.append("\n## Notes\n\n");
            report.notes().forEach(n -> out.append("- ").append(n).append('\n'));
        }
        out.append("\n## Machine\n\n");
        out.append("- CPUs (nproc): ").append(machine.cpus()).append('\n');
        out.append("- CPU model: ").append(machine.cpuModel()).append('\n');
        out.append("- memory: ").append(machine.memoryMb()).append(" MB\n");
        out.append("- JDK: ").append(machine.jdk()).append('\n');
        out.append("- OS: ").append(machine.os()).append('\n');
        out.append("\nCommand: `").append(report.command()).append("`\n");
        return out.toString();
    }

    private static String ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? "—" : number(h.getValueAtPercentile(percentile) / 1000.0);
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 0.1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
