package io.toolcatalog.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Everything one run measured: rows, latency distributions for the chart, and notes. */
public final class Report {

    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Histogram> distributions = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final String command;

    public Report(String command) {
        this.command = command;
    }

    public synchronized void add(Row row) {
        rows.add(row);
    }

    /** A latency distribution in microseconds, drawn in the convergence chart. */
    public synchronized void distribution(String name, Histogram micros) {
        distributions.put(name, micros);
    }

    public synchronized void note(String text) {
        notes.add(text);
    }

    public synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    public synchronized Map<String, Histogram> distributions() {
        return new LinkedHashMap<>(distributions);
    }

    public synchronized List<String> notes() {
        return List.copyOf(notes);
    }

    public String command() {
        return command;
    }
}
