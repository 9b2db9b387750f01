package io.toolcatalog.core.write;

import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.store.ChangeLog;
import io.toolcatalog.core.tool.Actor;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Revisions that write no tool row but change what consumers see of some tools (a rollout's start,
 * steps and end): one transaction after the revision lock, one change-log row naming those tools,
 * announced as a doorbell (no rows are carried: every node reads the new state from PostgreSQL).
 */
public final class StateChanges {

    /** What a state change did: its answer and the tools whose view it changed. */
    public record Touched<T>(T value, List<String> names) {}

    private final Commits commits;

    public StateChanges(
            WriteTransactions writes, ChangeLog changes, ChangeAnnouncer announcer, String nodeId, Clock clock) {
        this.commits = new Commits(writes, changes, announcer, nodeId, clock);
    }

    /**
     * Runs {@code work} with the new revision in a transaction of its own; it answers empty when
     * there is nothing to do after all (another node did it), and then no revision is taken.
     */
    public <T> Optional<T> commit(
            String operation,
            Actor actor,
            ReloadTrigger trigger,
            long changeRequestId,
            LongFunction<Optional<Touched<T>>> work) {
        return commits.commit(operation, actor, true, trigger, changeRequestId, revision -> {
            Optional<Touched<T>> touched = work.apply(revision);
            if (touched.isEmpty() || touched.get().names().isEmpty()) {
                return Written.unchanged(Optional.<T>empty());
            }
            return new Written<>(
                    Optional.of(touched.get().value()), touched.get().names(), null, List.of());
        });
    }

    /** Now, as PostgreSQL keeps it. */
    public Instant now() {
        return commits.now();
    }
}
