package io.toolcatalog.node.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolcatalog.node.robustness.ChangeLogTap.LoggedChange;
import io.toolcatalog.node.robustness.DatabaseHistory.VersionRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every acknowledged revert of revision R, answered at revision N, put each tool R wrote back as it
 * was just before R: at N it has that content (or is absent), nothing changed it between R and N,
 * the tools it left out were already as before R, and the change log records N as a revert of
 * exactly those tools.
 */
final class RevertsCheck implements HistoryCheck {

    @Override
    public String property() {
        return "acknowledged reverts restore the state before the reverted revision";
    }

    @Override
    public List<Violation> check(List<Operation> operations, DatabaseHistory history) {
        List<Violation> violations = new ArrayList<>();
        for (Operation op : operations) {
            if (op.kind() != OpKind.REVERT || !op.ok()) {
                continue;
            }
            String problem = problem(op, ToolDocuments.parse(op.body()), history);
            if (problem != null) {
                violations.add(new Violation(property(), op, problem));
            }
        }
        return violations;
    }

    private static String problem(Operation op, JsonNode body, DatabaseHistory history) {
        long undone = body.path("reverted_revision").asLong();
        long revision = body.path("revision").asLong();
        List<String> wrong = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        body.path("tools").forEach(step -> names.add(step.path("name").asText()));
        for (VersionRow atUndone : history.writtenAt(undone)) {
            String name = atUndone.name();
            Optional<String> before = content(history.versionAt(name, undone - 1));
            if (!names.contains(name)) {
                if (!before.equals(content(Optional.of(atUndone)))) {
                    wrong.add(name + " was left as revision " + undone + " wrote it");
                }
                continue;
            }
            if (revision - 1 > undone
                    && !history.around(name, undone + 1, revision - 1).isEmpty()) {
                wrong.add(name + " changed after revision " + undone + " and was reverted over that change");
            }
            if (history.writtenAt(revision).stream().noneMatch(r -> r.name().equals(name))) {
                wrong.add(name + " has no version at revision " + revision);
            } else if (!before.equals(content(history.versionAt(name, revision)))) {
                wrong.add(name + " at revision " + revision + " is " + content(history.versionAt(name, revision))
                        + ", before revision " + undone + " it was " + before);
            }
        }
        if (!names.isEmpty()) {
            Optional<LoggedChange> change = history.change(revision);
            if (change.isEmpty() || !change.get().operation().equals("revert")) {
                wrong.add("catalog_changes has no revert at revision " + revision);
            } else if (!new TreeSet<>(change.get().names()).equals(names)) {
                wrong.add("catalog_changes at revision " + revision + " names "
                        + change.get().names() + ", not " + names);
            }
            if (op.revision() == null || op.revision() < revision) {
                wrong.add("revision header " + op.revision() + " is below the revision " + revision + " it committed");
            }
        }
        return wrong.isEmpty() ? null : String.join("; ", wrong);
    }

    /** A tool's content as text, empty when it was absent (never written, or deleted). */
    private static Optional<String> content(Optional<VersionRow> row) {
        return row.filter(r -> !r.deleted())
                .map(r -> ToolDocuments.content(r.document()).toString());
    }
}
