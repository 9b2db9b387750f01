package io.toolcatalog.core.reload;

import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.history.ReloadKind;
import io.toolcatalog.core.tool.Tool;
import java.util.HashSet;
import java.util.Set;

/**
 * What a {@link ReloadHandler} is told: the snapshot before and after, and what the node applied
 * between them ({@link AppliedChange}, whose revisions are the two snapshots'). A handler that
 * keeps something keeps the applied change, not the snapshots.
 */
public record CatalogReloaded(CatalogSnapshot previous, CatalogSnapshot current, AppliedChange applied) {

    public CatalogReloaded {
        if (applied.from() != previous.revision() || applied.to() != current.revision()) {
            throw new IllegalArgumentException("applied " + applied.from() + " -> " + applied.to() + " is not the swap "
                    + previous.revision() + " -> " + current.revision());
        }
    }

    /**
     * The swap from {@code previous} to {@code current}; {@code changedNames} the names the reload
     * compared as changed, {@code lastChange} the last logged change {@code current} includes (null
     * when the reload applied none, as a sync that found the database moved without one). A swap
     * that kept the revision applied a reset at that revision.
     */
    public CatalogReloaded(
            CatalogSnapshot previous,
            CatalogSnapshot current,
            Set<String> changedNames,
            ReloadKind kind,
            ReloadTrigger trigger,
            CommittedChange lastChange) {
        this(
                previous,
                current,
                new AppliedChange(
                        previous.revision(),
                        current.revision(),
                        differing(previous, current, changedNames),
                        previous.revision() == current.revision() ? null : lastChange,
                        previous.revision() == current.revision(),
                        kind,
                        trigger));
    }

    /** A swap that applied no logged change. */
    public CatalogReloaded(
            CatalogSnapshot previous,
            CatalogSnapshot current,
            Set<String> changedNames,
            ReloadKind kind,
            ReloadTrigger trigger) {
        this(previous, current, changedNames, kind, trigger, null);
    }

    /**
     * The names whose rows differ: those the reload compared as changed, and at a kept revision every
     * name whose row differs in any field (a hand edit of the database may keep the version, which is
     * all a reload compares).
     */
    private static Set<String> differing(CatalogSnapshot previous, CatalogSnapshot current, Set<String> changedNames) {
        if (previous.revision() != current.revision()) {
            return changedNames;
        }
        Set<String> differing = new HashSet<>(changedNames);
        for (Tool tool : current.tools()) {
            Tool old = previous.tool(tool.name()).orElse(null);
            if (old != tool && !tool.equals(old)) {
                differing.add(tool.name());
            }
        }
        for (Tool old : previous.tools()) {
            if (current.tool(old.name()).isEmpty()) {
                differing.add(old.name());
            }
        }
        return differing;
    }
}
