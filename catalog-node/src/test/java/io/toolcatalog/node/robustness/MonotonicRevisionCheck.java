package io.toolcatalog.node.robustness;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node's revision never goes backwards within one process lifetime: a request sent after another
 * was answered carries a revision header at least as high. (Requests in flight together may be
 * answered in either order, so only real-time order is checked.) A write answered while a row could
 * not be served is left out: it committed a revision its node cannot apply until the row is mended.
 */
final class MonotonicRevisionCheck implements HistoryCheck {

    @Override
    public String property() {
        return "per node, revisions never go backwards";
    }

    @Override
    public List<Violation> check(List<Operation> operations, DatabaseHistory history) {
        Map<String, List<Operation>> byLifetime = new LinkedHashMap<>();
        for (Operation op : operations) {
            if (op.answered() && op.revision() != null && !history.writeWhileARowWasUnservable(op)) {
                byLifetime
                        .computeIfAbsent(op.node() + "/" + op.lifetime(), k -> new ArrayList<>())
                        .add(op);
            }
        }
        List<Violation> violations = new ArrayList<>();
        byLifetime.values().forEach(ops -> checkOne(ops, violations));
        return violations;
    }

    private void checkOne(List<Operation> ops, List<Violation> violations) {
        List<Operation> byStart = new ArrayList<>(ops);
        byStart.sort(Comparator.comparingDouble(Operation::startMs));
        List<Operation> byEnd = new ArrayList<>(ops);
        byEnd.sort(Comparator.comparingDouble(Operation::endMs));
        int finished = 0;
        Operation highest = null;
        for (Operation op : byStart) {
            while (finished < byEnd.size() && byEnd.get(finished).endMs() < op.startMs()) {
                Operation done = byEnd.get(finished++);
                if (highest == null || done.revision() > highest.revision()) {
                    highest = done;
                }
            }
            if (highest != null && op.revision() < highest.revision()) {
                violations.add(new Violation(
                        property(),
                        op,
                        "revision " + op.revision() + " after #" + highest.id() + " on the same node answered "
                                + highest.revision()));
            }
        }
    }
}
