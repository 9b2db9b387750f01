package io.toolcatalog.core.store;

import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.cohort.ActiveRollout;
import io.toolcatalog.core.tool.ProfileSchemas;
import io.toolcatalog.core.tool.Tool;
import java.util.List;

/**
 * The whole {@code tools} table as of {@code revision}, read in one snapshot. {@code lastChange}
 * is the change that produced {@code revision} (null when the log no longer has it); its
 * {@code toolNames} are left empty. {@code schemas} are the profile schemas at {@code revision}, {@code rollouts} the rollouts active at it.
 */
public record CatalogImage(
        long revision,
        List<Tool> tools,
        CommittedChange lastChange,
        ProfileSchemas schemas,
        List<ActiveRollout> rollouts) {

    /** An image without rollouts. */
    public CatalogImage(long revision, List<Tool> tools, CommittedChange lastChange, ProfileSchemas schemas) {
        this(revision, tools, lastChange, schemas, List.of());
    }

    /** An image of a catalog without profile schemas. */
    public CatalogImage(long revision, List<Tool> tools, CommittedChange lastChange) {
        this(revision, tools, lastChange, ProfileSchemas.none());
    }
}
