package io.toolcatalog.core.write;

import io.toolcatalog.core.store.VersionsAround;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.tool.ToolDraft;
import io.toolcatalog.core.tool.ToolVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * What undoing revision R takes: for every tool R wrote, the state it had just before R (absent
 * when R created it) and the version it must still be at (R's), or a conflict when it changed
 * since. Pure: built from the {@link VersionsAround} that PostgreSQL answers, so a direct revert
 * and a change request that stages one read the same plan.
 *
 * @param revision the revision undone
 * @param steps what to do per tool, by name; a tool whose state before R equals its state at R is left out
 * @param conflicts tools changed after R, by name; a plan with any must not be applied
 */
public record RevertPlan(long revision, List<ToolUndo> steps, List<String> conflicts) {

    public RevertPlan {
        steps = List.copyOf(steps);
        conflicts = List.copyOf(conflicts);
    }

    /** What undoing R does to one tool. */
    public enum Undo {
        /** R created it: delete it. */
        DELETE,
        /** R deleted it: create it again as it was. */
        RECREATE,
        /** R changed it (update, enable, disable, import, rollback): give it back its content. */
        RESTORE
    }

    /**
     * One tool's step.
     *
     * @param name the tool
     * @param action what to do
     * @param current its state now, as R left it (null for {@link Undo#RECREATE})
     * @param target its state before R (null for {@link Undo#DELETE})
     * @param expectedVersion the version it must be at now (the one R wrote)
     */
    public record ToolUndo(String name, Undo action, Tool current, Tool target, int expectedVersion) {}

    /**
     * The plan as change-request items, each staged against the version the tool is at now (none
     * for a tool to create again), so that a tool changed before it is published is a conflict.
     */
    public List<StagedEdit> stagedEdits() {
        return steps.stream()
                .map(step -> switch (step.action()) {
                    case DELETE -> new StagedEdit(step.name(), StagedEdit.Action.DELETE, null, step.expectedVersion());
                    case RECREATE ->
                        new StagedEdit(step.name(), StagedEdit.Action.UPSERT, ToolDraft.of(step.target(), null), null);
                    case RESTORE ->
                        new StagedEdit(
                                step.name(),
                                StagedEdit.Action.UPSERT,
                                ToolDraft.of(step.target(), null),
                                step.expectedVersion());
                })
                .toList();
    }

    public static RevertPlan of(long revision, List<VersionsAround> tools) {
        List<ToolUndo> steps = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        for (VersionsAround tool : tools) {
            if (tool.latest().version() != tool.at().version()) {
                conflicts.add(tool.name());
                continue;
            }
            Tool before = stateOf(tool.before());
            Tool at = stateOf(tool.at());
            int expected = tool.at().version();
            if (before == null && at != null) {
                steps.add(new ToolUndo(tool.name(), Undo.DELETE, at, null, expected));
            } else if (before != null && at == null) {
                steps.add(new ToolUndo(tool.name(), Undo.RECREATE, null, before, expected));
            } else if (before != null && !before.sameContentAs(at)) {
                steps.add(new ToolUndo(tool.name(), Undo.RESTORE, at, before, expected));
            }
        }
        return new RevertPlan(revision, steps, conflicts);
    }

    /** The tool as a version left it; null when that version is a deletion (or there is none). */
    private static Tool stateOf(ToolVersion version) {
        return version == null || "delete".equals(version.operation()) ? null : version.document();
    }
}
