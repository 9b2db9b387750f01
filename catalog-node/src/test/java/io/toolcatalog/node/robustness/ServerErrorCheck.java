package io.toolcatalog.node.robustness;

import java.util.ArrayList;
import java.util.List;

/**
 * Faults degrade, never break: the only 5xx is 503 problem+json with {@code Retry-After}, and a
 * node that was up for the whole request always answers (a connection refused, reset or a timeout
 * counts only while that node was being killed or restarted). A write or a reload sent while a row
 * was unreadable may fail as the node chooses; a read never.
 */
final class ServerErrorCheck implements HistoryCheck {

    @Override
    public String property() {
        return "no 5xx but 503 problem+json; up nodes answer";
    }

    @Override
    public List<Violation> check(List<Operation> operations, DatabaseHistory history) {
        List<Violation> violations = new ArrayList<>();
        for (Operation op : operations) {
            if (history.writeWhileARowWasUnservable(op)) {
                continue;
            }
            if (!op.answered()) {
                if (!op.disturbed()) {
                    violations.add(new Violation(property(), op, "no answer from a node that was up: " + op.error()));
                }
            } else if (op.status() >= 500) {
                boolean problem = op.contentType() != null && op.contentType().startsWith("application/problem+json");
                if (op.status() != 503 || !problem || op.retryAfter() == null) {
                    violations.add(new Violation(
                            property(),
                            op,
                            op.status() + " with Content-Type " + op.contentType() + ", Retry-After "
                                    + op.retryAfter()));
                }
            }
        }
        return violations;
    }
}
