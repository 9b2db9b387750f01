package io.toolcatalog.node.robustness;

import io.toolcatalog.node.robustness.ChangeLogTap.LoggedChange;
import io.toolcatalog.node.robustness.DatabaseHistory.VersionRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The database's own history is whole whatever the faults did: revisions 1..R are gap-free in the
 * change log, and each entry names exactly the tools whose versions that revision wrote. A
 * rollout's revisions other than its completion write no version: they change what the cohort sees
 * of the tools they name ({@link RolloutViewsCheck} checks those names).
 */
final class DatabaseInvariantCheck implements HistoryCheck {

    @Override
    public String property() {
        return "the change log is gap-free and matches tool_versions";
    }

    @Override
    public List<Violation> check(List<Operation> operations, DatabaseHistory history) {
        List<Violation> violations = new ArrayList<>();
        for (long revision = 1; revision <= history.revision(); revision++) {
            LoggedChange change = history.change(revision).orElse(null);
            Set<String> written = new TreeSet<>();
            history.writtenAt(revision).stream().map(VersionRow::name).forEach(written::add);
            if (change == null) {
                violations.add(new Violation(property(), null, "revision " + revision + " has no change-log entry"));
            } else if (change.operation().startsWith("rollout_")
                    && !change.operation().equals("rollout_complete")) {
                if (!written.isEmpty()) {
                    violations.add(new Violation(
                            property(),
                            null,
                            "revision " + revision + " (" + change.operation() + ") wrote versions of " + written));
                }
            } else if (!new TreeSet<>(change.names()).equals(written)) {
                violations.add(new Violation(
                        property(),
                        null,
                        "revision " + revision + " names " + change.names() + " but wrote versions of " + written));
            }
        }
        return violations;
    }
}
