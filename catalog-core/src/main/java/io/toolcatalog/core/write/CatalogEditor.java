package io.toolcatalog.core.write;

import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.concurrent.Sleeper;
import io.toolcatalog.core.error.InvalidToolException;
import io.toolcatalog.core.error.ToolAlreadyExistsException;
import io.toolcatalog.core.error.ToolNotFoundException;
import io.toolcatalog.core.error.VersionConflictException;
import io.toolcatalog.core.store.ChangeLog;
import io.toolcatalog.core.store.ToolStore;
import io.toolcatalog.core.store.ToolVersionStore;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.tool.ToolDraft;
import io.toolcatalog.core.tool.ToolValidator;
import io.toolcatalog.core.tool.ToolVersion;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every change to the catalog. Each first takes the next revision (the {@code catalog_state} row
 * lock serialises writers), writes the tools, their versions and the change log, and commits —
 * concurrent changes on this node in one shared transaction, each under its own savepoint (see
 * {@link WriteTransactions}); then the change goes to the {@link ChangeAnnouncer}, which tells the
 * cluster and applies it here before the caller gets an answer, so a node always reads its own writes.
 */
public final class CatalogEditor {

    private final Commits commits;
    private final ToolStore tools;
    private final ToolVersionStore versions;
    private final ChangeLog changes;
    private final ToolValidator validator;
    private final RevisionRevert reverts;

    /** An editor with the default write bounds ({@link WriteProperties#defaults()}). */
    public CatalogEditor(
            TransactionTemplate tx,
            ToolStore tools,
            ToolVersionStore versions,
            ChangeLog changes,
            ToolValidator validator,
            ChangeAnnouncer announcer,
            String nodeId,
            Clock clock) {
        this(
                new Commits(
                        new WriteTransactions(tx, changes, WriteProperties.defaults(), Sleeper.real()),
                        new ChangeLogWriter(changes, nodeId, clock),
                        tools,
                        announcer),
                tools,
                versions,
                changes,
                validator);
    }

    public CatalogEditor(
            Commits commits, ToolStore tools, ToolVersionStore versions, ChangeLog changes, ToolValidator validator) {
        this.commits = commits;
        this.tools = tools;
        this.versions = versions;
        this.changes = changes;
        this.validator = validator;
        this.reverts = new RevisionRevert(tools, versions, changes, validator);
    }

    public Tool create(ToolDraft draft, Actor actor) {
        validator.checkNew("", draft);
        return commit("create", actor.withReasonIfNone("Tool created"), revision -> {
            if (tools.find(draft.name()).isPresent()) {
                throw ToolAlreadyExistsException.named(draft.name());
            }
            int version = versions.lastVersions(List.of(draft.name())).getOrDefault(draft.name(), 0) + 1;
            Tool tool = tools.insert(checked(newTool(draft, version, revision, actor)));
            versions.record(List.of(ToolVersion.of(tool, "create")));
            return Written.stored(tool);
        });
    }

    /** Changes the fields {@code patch} carries; {@code expectedVersion} (If-Match) may be null. */
    public Tool update(String name, ToolDraft patch, Integer expectedVersion, Actor actor) {
        if (patch.name() != null && !patch.name().equals(name)) {
            throw InvalidToolException.field("name", "cannot be changed (the path names '" + name + "')");
        }
        validator.checkContent("", patch);
        return commit("update", actor.withReasonIfNone("Tool updated"), revision -> {
            Tool current = current(name, expectedVersion);
            Tool next = tools.update(checked(current.withContent(patch)
                    .stamped(current.version() + 1, revision, now(), authorOf(patch, actor))));
            versions.record(List.of(ToolVersion.of(next, "update")));
            return Written.stored(next);
        });
    }

    /**
     * Enables or disables; a tool already in that state is left alone (no new revision). Either way
     * the answer names a revision at which the catalog held the returned tool, and this node has
     * applied it: the committed one, or for a toggle that changed nothing the catalog's revision when
     * that was decided (the tool's own revision may be far older than what this node already serves).
     */
    public Toggled setEnabled(String name, boolean enabled, Integer expectedVersion, Actor actor) {
        String operation = enabled ? "enable" : "disable";
        Toggled toggled =
                commit(operation, actor.withReasonIfNone(enabled ? "Tool enabled" : "Tool disabled"), revision -> {
                    Tool current = current(name, expectedVersion);
                    if (current.enabled() == enabled) {
                        return Written.unchanged(new Toggled(current, revision - 1));
                    }
                    Tool next = tools.update(checked(current.withEnabled(enabled)
                            .stamped(current.version() + 1, revision, now(), actor.triggeredBy())));
                    versions.record(List.of(ToolVersion.of(next, operation)));
                    return Written.changed(new Toggled(next, revision), next);
                });
        commits.serveAtLeast(toggled.revision());
        return toggled;
    }

    /** What an enable or disable answers: the tool, and a revision at which the catalog held it so. */
    public record Toggled(Tool tool, long revision) {}

    /** Deletes; returns the revision that deleted it. */
    public long delete(String name, Integer expectedVersion, Actor actor) {
        return commit("delete", actor.withReasonIfNone("Tool deleted"), revision -> {
            Tool current = current(name, expectedVersion);
            tools.delete(name);
            Tool gone = current.stamped(current.version() + 1, revision, now(), actor.triggeredBy());
            versions.record(List.of(ToolVersion.of(gone, "delete")));
            return Written.removed(revision, name);
        });
    }

    /** Makes a tool what it was at {@code version}: a new version and a new revision. Restores a deleted tool. */
    public Tool rollback(String name, int version, Actor actor) {
        return commit("rollback", actor.withReasonIfNone("Rollback to version " + version), revision -> {
            ToolVersion target =
                    versions.find(name, version).orElseThrow(() -> ToolNotFoundException.version(name, version));
            ToolDraft content = ToolDraft.of(target.document(), actor.triggeredBy());
            Tool current = tools.find(name).orElse(null);
            Tool next;
            if (current != null) {
                next = tools.update(checked(current.withContent(content)
                        .stamped(current.version() + 1, revision, now(), actor.triggeredBy())));
            } else {
                int last = versions.lastVersions(List.of(name)).getOrDefault(name, 0);
                next = tools.insert(checked(newTool(content, last + 1, revision, actor)));
            }
            versions.record(List.of(ToolVersion.of(next, "rollback")));
            return Written.stored(next);
        });
    }

    /** All or nothing, one revision. Tools whose content is unchanged are not rewritten. */
    public ImportResult importTools(List<ToolDraft> drafts, ImportMode mode, boolean dryRun, Actor actor) {
        validator.checkImport(drafts);
        if (dryRun) {
            ImportPlan plan = ImportPlan.of(drafts, mode, tools);
            new ImportedSchemaCheck(validator, drafts).checkPlan(plan);
            return plan.result(drafts.size(), changes.currentRevision(), true);
        }
        return commitAlone(
                "import", actor.withReasonIfNone("Bulk import (" + mode.name().toLowerCase() + ")"), revision -> {
                    ImportPlan plan = ImportPlan.of(drafts, mode, tools);
                    ImportedSchemaCheck check = new ImportedSchemaCheck(validator, drafts);
                    Map<String, Integer> lastVersions = versions.lastVersions(
                            plan.creates.stream().map(ToolDraft::name).toList());
                    List<Tool> created = new ArrayList<>();
                    List<ToolVersion> written = new ArrayList<>();
                    for (ToolDraft draft : plan.creates) {
                        Tool tool = newTool(draft, lastVersions.getOrDefault(draft.name(), 0) + 1, revision, actor);
                        created.add(check.checked(tool));
                        written.add(ToolVersion.of(tool, "import"));
                    }
                    List<Tool> updated = new ArrayList<>();
                    for (Map.Entry<Tool, ToolDraft> entry : plan.updates.entrySet()) {
                        Tool current = entry.getKey();
                        Tool next = current.withContent(entry.getValue())
                                .stamped(current.version() + 1, revision, now(), authorOf(entry.getValue(), actor));
                        updated.add(check.checked(next));
                        written.add(ToolVersion.of(next, "import"));
                    }
                    for (Tool gone : plan.deletes) {
                        written.add(ToolVersion.of(
                                gone.stamped(gone.version() + 1, revision, now(), actor.triggeredBy()), "delete"));
                    }
                    List<String> removed = plan.deletes.stream().map(Tool::name).toList();
                    tools.insertAll(created);
                    tools.updateAll(updated);
                    tools.deleteAll(removed);
                    versions.record(written);
                    List<String> names = written.stream().map(ToolVersion::name).toList();
                    // nothing written: the revision taken is rolled back, the catalog stays at the one before
                    long at = names.isEmpty() ? revision - 1 : revision;
                    return new Written<>(
                            plan.result(drafts.size(), at, false),
                            names,
                            Written.readBack(tools, created, updated),
                            removed);
                });
    }

    /**
     * Puts every tool {@code revision} wrote back to its state just before it, as one new revision
     * ({@link RevertPlan}); refused, with nothing written, when any of them changed since.
     */
    public Reverted revert(long revision, Actor actor) {
        String reason = "revert of revision " + revision + (actor.reason() == null ? "" : ": " + actor.reason());
        Actor reverting = new Actor(actor.principal(), actor.triggeredBy(), reason);
        Reverted reverted =
                commitAlone("revert", reverting, next -> reverts.write(revision, next, actor.triggeredBy(), now()));
        commits.serveAtLeast(reverted.revision()); // one that changed nothing answers at the catalog's revision
        return reverted;
    }

    /** What reverting {@code revision} would do now, without doing it (conflicts listed, not thrown). */
    public RevertPlan revertPlan(long revision) {
        return reverts.plan(revision, changes.currentRevision() + 1);
    }

    private Tool current(String name, Integer expectedVersion) {
        Tool current = tools.find(name).orElseThrow(() -> ToolNotFoundException.named(name));
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw VersionConflictException.of(name, expectedVersion, current.version());
        }
        return current;
    }

    /** {@code tool} as it will be written, checked against the profile schemas of this write's revision. */
    private Tool checked(Tool tool) {
        validator.checkSchemas("", tool);
        return tool;
    }

    private Tool newTool(ToolDraft draft, int version, long revision, Actor actor) {
        return Tool.created(draft, version, revision, now(), authorOf(draft, actor));
    }

    private static String authorOf(ToolDraft draft, Actor actor) {
        return draft.author() != null && !draft.author().isBlank() ? draft.author() : actor.triggeredBy();
    }

    /** PostgreSQL keeps microseconds: what the editor returns must equal what is read back. */
    private Instant now() {
        return commits.now();
    }

    private <T> T commit(String operation, Actor actor, LongFunction<Written<T>> work) {
        return commit(operation, actor, false, work);
    }

    /**
     * An import runs in a transaction of its own, not in a group: its statements can run for
     * seconds, and neighbours sharing its transaction would wait for them and fail with it.
     */
    private <T> T commitAlone(String operation, Actor actor, LongFunction<Written<T>> work) {
        return commit(operation, actor, true, work);
    }

    private <T> T commit(String operation, Actor actor, boolean alone, LongFunction<Written<T>> work) {
        return commits.commit(operation, actor, alone, ReloadTrigger.API_UPDATE, null, work);
    }
}
