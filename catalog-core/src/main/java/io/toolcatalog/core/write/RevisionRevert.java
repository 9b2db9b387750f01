package io.toolcatalog.core.write;

import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.error.RevertRefusedException;
import io.toolcatalog.core.store.ChangeLog;
import io.toolcatalog.core.store.ToolStore;
import io.toolcatalog.core.store.ToolVersionStore;
import io.toolcatalog.core.store.VersionsAround;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.tool.ToolDraft;
import io.toolcatalog.core.tool.ToolValidator;
import io.toolcatalog.core.tool.ToolVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@link CatalogEditor#revert}: inside the write transaction, after the next revision
 * (and so the revision lock) is taken, reads R's change and the versions around it, plans with
 * {@link RevertPlan}, refuses on any conflict, and writes every step under the one new revision.
 */
final class RevisionRevert {

    private final ToolStore tools;
    private final ToolVersionStore versions;
    private final ChangeLog changes;
    private final ToolValidator validator;

    RevisionRevert(ToolStore tools, ToolVersionStore versions, ChangeLog changes, ToolValidator validator) {
        this.tools = tools;
        this.versions = versions;
        this.changes = changes;
        this.validator = validator;
    }

    /** The plan for undoing {@code target} as the database holds it now, below revision {@code next}. */
    RevertPlan plan(long target, long next) {
        long current = next - 1;
        if (target < 1 || target > current) {
            throw RevertRefusedException.unknown(target, current);
        }
        CommittedChange change = changes.find(target).orElseThrow(() -> RevertRefusedException.pruned(target));
        List<VersionsAround> around = versions.around(target, change.toolNames());
        if (around.isEmpty()) {
            throw RevertRefusedException.nothingToRevert(target);
        }
        return RevertPlan.of(target, around);
    }

    Written<Reverted> write(long target, long next, String by, Instant now) {
        RevertPlan plan = plan(target, next);
        if (!plan.conflicts().isEmpty()) {
            throw RevertRefusedException.conflicts(target, plan.conflicts());
        }
        List<Tool> created = new ArrayList<>();
        List<Tool> updated = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<ToolVersion> written = new ArrayList<>();
        for (RevertPlan.ToolUndo step : plan.steps()) {
            int version = step.expectedVersion() + 1;
            switch (step.action()) {
                case DELETE -> {
                    removed.add(step.name());
                    written.add(ToolVersion.of(step.current().stamped(version, next, now, by), "delete"));
                }
                case RECREATE -> {
                    Tool tool = step.target().stamped(version, next, now, by);
                    validator.checkSchemas("", tool);
                    created.add(tool);
                    written.add(ToolVersion.of(tool, "revert"));
                }
                case RESTORE -> {
                    Tool tool = step.current()
                            .withContent(ToolDraft.of(step.target(), by))
                            .stamped(version, next, now, by);
                    validator.checkSchemas("", tool);
                    updated.add(tool);
                    written.add(ToolVersion.of(tool, "revert"));
                }
            }
        }
        tools.insertAll(created);
        tools.updateAll(updated);
        tools.deleteAll(removed);
        versions.record(written);
        List<String> names = written.stream().map(ToolVersion::name).toList();
        // nothing left to change: the revision taken is rolled back, the catalog stays at the one before
        Reverted reverted = new Reverted(target, names.isEmpty() ? next - 1 : next, plan.steps());
        return new Written<>(reverted, names, Written.readBack(tools, created, updated), removed);
    }
}
