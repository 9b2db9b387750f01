package io.toolcatalog.core.write;

import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.error.StagedConflictException;
import io.toolcatalog.core.store.ToolStore;
import io.toolcatalog.core.store.ToolVersionStore;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.tool.ToolDraft;
import io.toolcatalog.core.tool.ToolValidator;
import io.toolcatalog.core.tool.ToolVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.LongPredicate;
import java.util.stream.Collectors;

/**
 * Applies staged edits (a change request's items) like an import: all of them in one transaction
 * and one revision, each only if its tool is still at the version it was staged against (else
 * {@link StagedConflictException} naming every tool that moved, and nothing is written). The
 * revision's change-log row, its announcement and every node's reload event name the change request.
 */
public final class StagedPublisher {

    private final Commits commits;
    private final ToolStore tools;
    private final ToolVersionStore versions;
    private final ToolValidator validator;

    public StagedPublisher(Commits commits, ToolValidator validator, ToolStore tools, ToolVersionStore versions) {
        this.commits = commits;
        this.tools = tools;
        this.versions = versions;
        this.validator = validator;
    }

    /**
     * Publishes {@code edits} as change request {@code changeRequestId}. Inside the transaction,
     * after the revision is taken and before anything is written, {@code claim} is asked with that
     * revision: it locks the request's row and marks it published, or answers false when the request
     * is not (or no longer) to be published here — then nothing is written and the answer is empty.
     * Returns the revision that published it.
     */
    public OptionalLong publish(
            List<StagedEdit> edits, long changeRequestId, Actor actor, ReloadTrigger trigger, LongPredicate claim) {
        return publish("change_request", edits, changeRequestId, actor, trigger, claim);
    }

    /** {@link #publish} recorded in the change log as {@code operation} (a rollout's completion). */
    public OptionalLong publish(
            String operation,
            List<StagedEdit> edits,
            long changeRequestId,
            Actor actor,
            ReloadTrigger trigger,
            LongPredicate claim) {
        return commits.commit(operation, actor, true, trigger, changeRequestId, revision -> {
            if (!claim.test(revision)) {
                return Written.unchanged(OptionalLong.empty());
            }
            Map<String, Tool> current = unmoved(edits);
            return apply(edits, current, revision, actor);
        });
    }

    /**
     * What {@code edits} would make of their tools at {@code revision}, written by {@code actor}:
     * each name's tool, or empty when the edit deletes it. Runs in the caller's write transaction
     * (after its revision lock) and writes nothing; throws {@link StagedConflictException} when a
     * tool moved since it was staged, and {@code SchemaViolationException} when a result breaks a
     * profile schema in force.
     */
    public Map<String, Optional<Tool>> results(List<StagedEdit> edits, long revision, Actor actor) {
        Map<String, Optional<Tool>> results = new LinkedHashMap<>();
        Planned planned = plan(edits, unmoved(edits), revision, actor);
        planned.created.forEach(t -> results.put(t.name(), Optional.of(t)));
        planned.updated.forEach(t -> results.put(t.name(), Optional.of(t)));
        planned.removed.forEach(name -> results.put(name, Optional.empty()));
        return results;
    }

    /** The tools {@code edits} name as they are now; throws when one moved since it was staged. */
    private Map<String, Tool> unmoved(List<StagedEdit> edits) {
        List<String> names = edits.stream().map(StagedEdit::name).toList();
        Map<String, Tool> current =
                tools.findNamed(names).stream().collect(Collectors.toMap(Tool::name, Function.identity()));
        List<String> moved = edits.stream()
                .filter(e -> !Objects.equals(e.baseVersion(), versionOf(current.get(e.name()))))
                .map(StagedEdit::name)
                .toList();
        if (!moved.isEmpty()) {
            throw StagedConflictException.of(moved);
        }
        return current;
    }

    /** What a publish writes: the tools created, updated and removed, and the versions recorded. */
    private record Planned(List<Tool> created, List<Tool> updated, List<String> removed, List<ToolVersion> written) {}

    private Written<OptionalLong> apply(List<StagedEdit> edits, Map<String, Tool> current, long revision, Actor actor) {
        Planned planned = plan(edits, current, revision, actor);
        tools.insertAll(planned.created);
        tools.updateAll(planned.updated);
        tools.deleteAll(planned.removed);
        versions.record(planned.written);
        List<String> names = planned.written.stream().map(ToolVersion::name).toList();
        return new Written<>(
                OptionalLong.of(revision),
                names,
                Written.readBack(tools, planned.created, planned.updated),
                planned.removed);
    }

    private Planned plan(List<StagedEdit> edits, Map<String, Tool> current, long revision, Actor actor) {
        Map<String, Integer> last = versions.lastVersions(edits.stream()
                .filter(e -> current.get(e.name()) == null)
                .map(StagedEdit::name)
                .toList());
        List<Tool> created = new ArrayList<>();
        List<Tool> updated = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<ToolVersion> written = new ArrayList<>();
        for (StagedEdit edit : edits) {
            Tool tool = current.get(edit.name());
            String by = edit.draft() != null && edit.draft().author() != null
                    ? edit.draft().author()
                    : actor.triggeredBy();
            if (tool == null) {
                ToolDraft whole = edit.draft().named(edit.name()).withDefaults();
                Tool fresh = checked(
                        Tool.created(whole, last.getOrDefault(edit.name(), 0) + 1, revision, commits.now(), by));
                created.add(fresh);
                written.add(ToolVersion.of(fresh, "create"));
                continue;
            }
            Tool next =
                    switch (edit.action()) {
                        case UPSERT -> tool.withContent(edit.draft());
                        case ENABLE -> tool.withEnabled(true);
                        case DISABLE -> tool.withEnabled(false);
                        case DELETE -> tool;
                    };
            next = next.stamped(tool.version() + 1, revision, commits.now(), by);
            if (edit.action() == StagedEdit.Action.DELETE) {
                removed.add(edit.name());
                written.add(ToolVersion.of(next, "delete"));
            } else {
                updated.add(checked(next));
                written.add(ToolVersion.of(next, edit.action().value()));
            }
        }
        return new Planned(created, updated, removed, written);
    }

    private static Integer versionOf(Tool tool) {
        return tool == null ? null : tool.version();
    }

    /** {@code tool} as it will be written, checked against the profile schemas of this revision. */
    private Tool checked(Tool tool) {
        validator.checkSchemas("", tool);
        return tool;
    }
}
