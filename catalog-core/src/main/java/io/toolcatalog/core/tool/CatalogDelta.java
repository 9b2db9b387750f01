package io.toolcatalog.core.tool;

import java.util.List;
import java.util.Set;

/**
 * What changed after a node's applied revision, read in one statement (one snapshot).
 *
 * @param revision the catalog's revision
 * @param changeCount how many logged changes lie in (applied, revision]
 * @param nameCount how many distinct names they touched
 * @param changed the rows of the touched names that still exist (empty when {@code nameCount} was
 *     past the threshold)
 * @param removed the touched names that no longer exist
 * @param lastChange the change that produced {@code revision}, without its names; null when none
 */
public record CatalogDelta(
        long revision,
        long changeCount,
        long nameCount,
        List<Tool> changed,
        Set<String> removed,
        CatalogChange lastChange) {

    /** True when the rows describe every change after {@code applied}, so a partial apply is exact. */
    public boolean covers(long applied, int maxNames) {
        return revision >= applied && changeCount == revision - applied && nameCount <= maxNames;
    }
}
