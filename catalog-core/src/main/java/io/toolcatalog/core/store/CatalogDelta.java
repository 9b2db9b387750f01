package io.toolcatalog.core.store;

import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.cohort.ActiveRollout;
import io.toolcatalog.core.tool.Tool;
import java.util.List;
import java.util.Set;

/**
 * What changed after a node's applied revision, read in one statement (one snapshot).
 *
 * @param revision the catalog's revision
 * @param complete whether the rows describe every change after the applied revision, so a partial
 *     apply is exact: the change log covers the whole gap and at most the limit of names was
 *     re-read (decided by the SQL itself, in {@link CatalogReads})
 * @param changed the rows of the re-read names that still exist (empty when not complete)
 * @param removed the re-read names that no longer exist (empty when not complete)
 * @param lastChange the change that produced {@code revision}, without its names; null when none
 * @param rollouts the active rollouts at {@code revision} when a rollout changed in the gap; null when none did
 */
public record CatalogDelta(
        long revision,
        boolean complete,
        List<Tool> changed,
        Set<String> removed,
        CommittedChange lastChange,
        List<ActiveRollout> rollouts) {

    /** A delta in which no rollout changed. */
    public CatalogDelta(
            long revision, boolean complete, List<Tool> changed, Set<String> removed, CommittedChange lastChange) {
        this(revision, complete, changed, removed, lastChange, null);
    }
}
