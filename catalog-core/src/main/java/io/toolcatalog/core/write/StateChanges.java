package io.toolcatalog.core.write;

import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.store.ToolStore;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.tool.Tool;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Revisions that write no tool row but change what consumers see of some tools (a rollout's start,
 * steps and end): one transaction after the revision lock, one change-log row naming those tools,
 * carried with those tools' rows as they stand and the rollouts active at the revision.
 */
public final class StateChanges {

    /** What a state change did: its answer and the tools whose view it changed. */
    public record Touched<T>(T value, List<String> names) {}

    private final Commits commits;
    private final ToolStore tools;

    public StateChanges(Commits commits, ToolStore tools) {
        this.commits = commits;
        this.tools = tools;
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
            List<String> names = touched.get().names();
            List<Tool> rows = tools.findNamed(names);
            List<String> absent = new ArrayList<>(names);
            rows.forEach(row -> absent.remove(row.name()));
            return new Written<>(Optional.of(touched.get().value()), names, rows, absent);
        });
    }

    /** Now, as PostgreSQL keeps it. */
    public Instant now() {
        return commits.now();
    }
}
