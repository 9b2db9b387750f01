package io.toolcatalog.core.reload;

import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.history.ReloadKind;
import java.util.Set;

/**
 * What a {@link ReloadHandler} is told: the snapshot before and after, which names differ, and the
 * last logged change the new snapshot includes ({@code lastChange}, null when the reload applied
 * no logged change, as a sync that found the database moved without one).
 */
public record CatalogReloaded(
        CatalogSnapshot previous,
        CatalogSnapshot current,
        Set<String> changedNames,
        ReloadKind kind,
        ReloadTrigger trigger,
        CommittedChange lastChange) {

    public CatalogReloaded(
            CatalogSnapshot previous,
            CatalogSnapshot current,
            Set<String> changedNames,
            ReloadKind kind,
            ReloadTrigger trigger) {
        this(previous, current, changedNames, kind, trigger, null);
    }
}
