package io.toolcatalog.core.reload;

import java.util.Set;

/** What a {@link ReloadHandler} is told: the snapshot before and after, and which names differ. */
public record CatalogReloaded(
        CatalogSnapshot previous,
        CatalogSnapshot current,
        Set<String> changedNames,
        ReloadKind kind,
        ReloadTrigger trigger) {}
