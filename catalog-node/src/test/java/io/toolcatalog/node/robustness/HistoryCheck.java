package io.toolcatalog.node.robustness;

import java.util.List;

/** One property every run must keep, checked over the recorded operations and the database's history. */
interface HistoryCheck {

    /** A short name, used in reports. */
    String property();

    List<Violation> check(List<Operation> operations, DatabaseHistory history);
}
