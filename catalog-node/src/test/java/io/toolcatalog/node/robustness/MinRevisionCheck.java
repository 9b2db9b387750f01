package io.toolcatalog.node.robustness;

import java.util.ArrayList;
import java.util.List;

/** A read with {@code X-Catalog-Min-Revision: R} answers at R or later, or not at all (503). */
final class MinRevisionCheck implements HistoryCheck {

    @Override
    public String property() {
        return "min-revision reads are at or past it";
    }

    @Override
    public List<Violation> check(List<Operation> operations, DatabaseHistory history) {
        List<Violation> violations = new ArrayList<>();
        for (Operation op : operations) {
            if (op.minRevision() != null && op.ok() && (op.revision() == null || op.revision() < op.minRevision())) {
                violations.add(new Violation(
                        property(), op, "asked for revision " + op.minRevision() + ", answered " + op.revision()));
            }
        }
        return violations;
    }
}
