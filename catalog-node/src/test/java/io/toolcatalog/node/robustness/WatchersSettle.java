package io.toolcatalog.node.robustness;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Once faults stopped, every watcher and the client come to hold exactly the database's final
 * state: its revision, and each tool as the table holds it now, hand edits included (a reload
 * that changed content at the same revision must reach them too).
 */
final class WatchersSettle {

    static final String PROPERTY = "watchers and the client end at the database's final state";

    private WatchersSettle() {}

    /** {@code rollouts}: the run's rollouts (null when it ran none), whose views named watchers are shown. */
    static List<Violation> check(
            List<Watcher> watchers, DatabaseHistory history, RolloutHistory rollouts, Duration timeout) {
        List<Violation> violations = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Watcher watcher : watchers) {
            AtomicReference<String> last = new AtomicReference<>("nothing received");
            // one deadline for all: a watcher checked later has had the time the earlier ones took
            Duration left =
                    Duration.ofNanos(Math.max(deadline - System.nanoTime(), 0)).plusMillis(500);
            try {
                await(watcher.name() + " settled")
                        .atMost(left)
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> {
                            last.set(problem(watcher, history, rollouts));
                            return last.get() == null;
                        });
            } catch (ConditionTimeoutException e) {
                List<WatchEvent> events = watcher.events();
                String tail = events.isEmpty()
                        ? ""
                        : "\n      last event: " + events.get(events.size() - 1).describe();
                violations.add(new Violation(
                        PROPERTY,
                        null,
                        watcher.name() + " still differs " + timeout.toSeconds() + " s after the run: " + last.get()
                                + tail));
            }
        }
        return violations;
    }

    private static String problem(Watcher watcher, DatabaseHistory history, RolloutHistory rollouts) {
        WatcherState state = watcher.now();
        long at = history.revision();
        if (state.revision() != at) {
            return "holds revision " + state.revision() + ", database at " + at;
        }
        var settled = history.settledAt(at);
        var expected = rollouts == null
                ? settled
                : rollouts.viewAt(at, watcher.consumerId(), Map.of(), settled).tools();
        List<String> wrong = CatalogComparison.problems(
                state.tools(), WatchHistoryCheck.only(expected, watcher.filter()), watcher.shape());
        return wrong.isEmpty() ? null : "at revision " + history.revision() + ": " + String.join("; ", wrong);
    }
}
