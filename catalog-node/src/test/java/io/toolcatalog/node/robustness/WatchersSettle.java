package io.toolcatalog.node.robustness;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    static List<Violation> check(List<Watcher> watchers, DatabaseHistory history, Duration timeout) {
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
                            last.set(problem(watcher, history));
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

    private static String problem(Watcher watcher, DatabaseHistory history) {
        WatcherState state = watcher.now();
        if (state.revision() != history.revision()) {
            return "holds revision " + state.revision() + ", database at " + history.revision();
        }
        List<String> wrong = CatalogComparison.problems(
                state.tools(),
                WatchHistoryCheck.only(history.settledAt(history.revision()), watcher.filter()),
                watcher.shape());
        return wrong.isEmpty() ? null : "at revision " + history.revision() + ": " + String.join("; ", wrong);
    }
}
