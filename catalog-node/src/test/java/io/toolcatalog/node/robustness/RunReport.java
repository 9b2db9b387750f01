package io.toolcatalog.node.robustness;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.toolcatalog.node.robustness.DatabaseHistory.VersionRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a run did and what it found: figures, the first violation of each property (with the time
 * into the run it happened), and for the very first one the operations before it on the same node
 * and on the same tool and the database's versions of that tool, so it can be understood and
 * replayed from its seed.
 */
final class RunReport {

    private static final int CONTEXT = 8;

    private final RobustnessSettings settings;
    private final List<Operation> operations;
    private final List<String> faults;
    private final List<String> watchers;
    private final List<String> rollouts;
    private final DatabaseHistory history;
    private final List<Violation> violations;

    RunReport(
            RobustnessSettings settings,
            List<Operation> operations,
            List<String> faults,
            List<String> watchers,
            List<String> rollouts,
            DatabaseHistory history,
            List<Violation> violations) {
        this.settings = settings;
        this.rollouts = rollouts;
        this.operations = operations;
        this.faults = faults;
        this.watchers = watchers;
        this.history = history;
        this.violations = new ArrayList<>(violations);
        this.violations.sort(Comparator.comparingDouble(Violation::atMs));
    }

    boolean passed() {
        return violations.isEmpty();
    }

    String summary() {
        Map<OpKind, Long> byKind = operations.stream()
                .collect(Collectors.groupingBy(Operation::kind, TreeMap::new, Collectors.counting()));
        Map<Integer, Long> byStatus = operations.stream()
                .collect(Collectors.groupingBy(Operation::status, TreeMap::new, Collectors.counting()));
        long reads = operations.stream()
                .filter(o -> o.kind().isRead() && o.answered() && o.status() != 503)
                .count();
        long writes =
                operations.stream().filter(o -> o.kind().isWrite() && o.ok()).count();
        long minRevision =
                operations.stream().filter(o -> o.minRevision() != null).count();
        StringBuilder out = new StringBuilder();
        out.append("Randomized history checker, seed ")
                .append(settings.seed())
                .append(" (replay: ")
                .append(settings.replayHint())
                .append(")\n");
        out.append(String.format(
                "  %d operations (%d reads checked, %d with min-revision; %d acknowledged writes), database at"
                        + " revision %d with %d tool versions%n",
                operations.size(), reads, minRevision, writes, history.revision(), history.versionCount()));
        out.append("  by kind ")
                .append(byKind)
                .append("\n  by status ")
                .append(byStatus)
                .append('\n');
        out.append("  faults (").append(faults.size()).append("):\n");
        faults.forEach(f -> out.append("    ").append(f).append('\n'));
        out.append("  watchers (").append(watchers.size()).append("):\n");
        watchers.forEach(w -> out.append("    ").append(w).append('\n'));
        if (!rollouts.isEmpty()) {
            out.append("  rollouts:\n");
            rollouts.forEach(r -> out.append("    ").append(r).append('\n'));
        }
        Map<String, List<Violation>> byProperty = new LinkedHashMap<>();
        violations.forEach(v ->
                byProperty.computeIfAbsent(v.property(), p -> new ArrayList<>()).add(v));
        if (byProperty.isEmpty()) {
            out.append("  no violations\n");
        }
        byProperty.forEach((property, list) -> {
            Violation first = list.get(0);
            out.append(String.format(
                    "  VIOLATED %s: %d times, first %s: %s%n      %s%n",
                    property,
                    list.size(),
                    first.afterTheRun() ? "after the run" : String.format("at %.1f s", first.atMs() / 1000),
                    first.detail(),
                    first.operation() == null ? "" : first.operation().describe()));
        });
        return out.toString();
    }

    /** The first violation with the history around it. */
    String firstViolation() {
        if (violations.isEmpty()) {
            return "";
        }
        Violation first = violations.get(0);
        StringBuilder out = new StringBuilder("First violation (seed ")
                .append(settings.seed())
                .append("): ")
                .append(first.property())
                .append(": ")
                .append(first.detail())
                .append('\n');
        Operation op = first.operation();
        if (op == null) {
            return out.toString();
        }
        out.append("  ").append(op.describe()).append('\n');
        out.append("  the ")
                .append(CONTEXT)
                .append(" operations before it on ")
                .append(op.node())
                .append(":\n");
        before(op, o -> o.node().equals(op.node()) && o.lifetime() == op.lifetime())
                .forEach(o -> out.append("    ").append(o.describe()).append('\n'));
        if (op.tool() != null) {
            out.append("  the ")
                    .append(CONTEXT)
                    .append(" operations before it on ")
                    .append(op.tool())
                    .append(":\n");
            before(op, o -> op.tool().equals(o.tool()))
                    .forEach(o -> out.append("    ").append(o.describe()).append('\n'));
            long at = op.revision() == null ? history.revision() : op.revision();
            out.append("  tool_versions of ")
                    .append(op.tool())
                    .append(" around revision ")
                    .append(at)
                    .append(":\n");
            for (VersionRow row : history.around(op.tool(), Math.max(0, at - 20), at + 20)) {
                out.append("    ")
                        .append(ReadsMatchHistoryCheck.describe(row))
                        .append(' ')
                        .append(ToolDocuments.content(row.document()))
                        .append('\n');
            }
        }
        return out.toString();
    }

    private List<Operation> before(Operation op, java.util.function.Predicate<Operation> same) {
        List<Operation> earlier = operations.stream()
                .filter(o -> o.id() < op.id() && same.test(o))
                .toList();
        return earlier.subList(Math.max(0, earlier.size() - CONTEXT), earlier.size());
    }

    /** Every operation as a JSON line, and the report beside it. */
    void write(Path dir) {
        try {
            Files.createDirectories(dir);
            List<String> lines = new ArrayList<>();
            for (Operation op : operations) {
                lines.add(ToolDocuments.JSON.writeValueAsString(op));
            }
            Files.write(dir.resolve("operations.jsonl"), lines);
            List<String> all = new ArrayList<>();
            violations.forEach(v -> all.add(v.property() + ": " + v.detail() + "\n    "
                    + (v.operation() == null ? "" : v.operation().describe())));
            Files.write(dir.resolve("violations.txt"), all);
            Files.writeString(dir.resolve("report.txt"), summary() + "\n" + firstViolation());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
