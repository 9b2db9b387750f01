package io.toolcatalog.node.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolcatalog.node.robustness.DatabaseHistory.VersionRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;

/**
 * Every watcher's events, one by one. The chain: a change's {@code from_revision} is the revision
 * of the event before it on the same connection, or the start point the connection sent, and its
 * revision is higher, so every revision arrives exactly once and in order (a change may cover
 * several); a snapshot starts the chain again and never goes below that point (it may repeat it: a
 * content change at the same revision is sent as a fresh snapshot). A connection without a start
 * point begins a new chain. The state: after each event the watcher holds the database's state at
 * the event's revision (one of its {@link DatabaseHistory#choices} per tool; a filtered watcher
 * only its tools), in the view its consumer id is shown while rollouts run. No event is past the database's revision.
 */
final class WatchHistoryCheck {

    static final String CHAIN = "watch events chain: every revision once, in order";
    static final String STATE = "a watcher holds the database's state at each event's revision";
    private static final int MAX_PER_WATCHER = 10;

    private WatchHistoryCheck() {}

    /** {@code rollouts}: the run's rollouts (null when it ran none), whose views named watchers are shown. */
    static List<Violation> check(Watcher watcher, DatabaseHistory history, RolloutHistory rollouts) {
        LongFunction<TreeMap<String, List<VersionRow>>> expected = rollouts == null
                ? history::choicesAt
                : at -> rollouts.viewAt(at, watcher.consumerId(), Map.of(), history.choicesAt(at))
                        .tools();
        return check(watcher.name(), watcher.events(), watcher.filter(), watcher.shape(), history, expected);
    }

    static List<Violation> check(
            String watcher,
            List<WatchEvent> events,
            Set<String> filter,
            UnaryOperator<JsonNode> shape,
            DatabaseHistory history) {
        return check(watcher, events, filter, shape, history, history::choicesAt);
    }

    private static List<Violation> check(
            String watcher,
            List<WatchEvent> events,
            Set<String> filter,
            UnaryOperator<JsonNode> shape,
            DatabaseHistory history,
            LongFunction<TreeMap<String, List<VersionRow>>> expected) {
        List<Violation> violations = new ArrayList<>();
        WatcherState state = new WatcherState();
        Long last = null;
        int chainProblems = 0;
        int stateProblems = 0;
        for (WatchEvent event : events) {
            if (event.type().equals(WatchEvent.OPEN)) {
                last = event.revision() < 0 ? null : event.revision();
                continue;
            }
            if (!event.carriesState()) {
                continue;
            }
            String broken = chainProblem(event, last);
            if (broken != null && chainProblems++ < MAX_PER_WATCHER) {
                violations.add(Violation.at(CHAIN, event.atMs(), broken + "\n      " + event.describe()));
            }
            last = event.revision();
            state.apply(event);
            String wrong = stateProblem(state, event, filter, shape, history, expected);
            if (wrong != null && stateProblems++ < MAX_PER_WATCHER) {
                violations.add(
                        Violation.at(STATE, event.atMs(), watcher + ": " + wrong + "\n      " + event.describe()));
            }
        }
        return violations;
    }

    /** Null when the event continues the chain that ends at {@code last} (null: no chain yet). */
    private static String chainProblem(WatchEvent event, Long last) {
        if (event.type().equals(WatchEvent.SNAPSHOT)) {
            return last != null && event.revision() < last
                    ? "snapshot at revision " + event.revision() + " after revision " + last + " (went back)"
                    : null;
        }
        if (last == null) {
            return event.type() + " without a snapshot or a start point before it";
        }
        if (event.fromRevision() != last.longValue()) {
            return event.type() + " from_revision " + event.fromRevision() + " after revision " + last
                    + (event.fromRevision() < last ? " (revisions repeated)" : " (revisions skipped)");
        }
        boolean sameAllowed = event.type().equals(WatchEvent.RESET);
        if (event.revision() < event.fromRevision() || (!sameAllowed && event.revision() == event.fromRevision())) {
            return event.type() + " to revision " + event.revision() + " from " + event.fromRevision();
        }
        return null;
    }

    private static String stateProblem(
            WatcherState state,
            WatchEvent event,
            Set<String> filter,
            UnaryOperator<JsonNode> shape,
            DatabaseHistory history,
            LongFunction<TreeMap<String, List<VersionRow>>> expected) {
        long at = event.revision();
        if (at > history.revision()) {
            return "revision " + at + " is past the database's revision " + history.revision();
        }
        List<String> wrong = CatalogComparison.problems(state.tools(), only(expected.apply(at), filter), shape);
        return wrong.isEmpty() ? null : "at revision " + at + ": " + String.join("; ", wrong);
    }

    /** The catalog restricted to {@code filter} (null: all of it). */
    static Map<String, List<VersionRow>> only(TreeMap<String, List<VersionRow>> catalog, Set<String> filter) {
        if (filter != null) {
            catalog.keySet().retainAll(filter);
        }
        return catalog;
    }
}
