package io.toolcatalog.core.write;

import java.util.List;

/**
 * What a revert did: the revision undone, the revision that undid it (the catalog's revision when
 * there was nothing left to change) and each tool's step.
 */
public record Reverted(long revertedRevision, long revision, List<RevertPlan.ToolUndo> steps) {

    public Reverted {
        steps = List.copyOf(steps);
    }
}
