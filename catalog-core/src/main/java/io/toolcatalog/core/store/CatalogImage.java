package io.toolcatalog.core.store;

import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.tool.ProfileSchemas;
import io.toolcatalog.core.tool.Tool;
import java.util.List;

/**
 * The whole {@code tools} table as of {@code revision}, read in one snapshot. {@code lastChange}
 * is the change that produced {@code revision} (null when the log no longer has it); its
 * {@code toolNames} are left empty. {@code schemas} are the profile schemas at {@code revision}.
 */
public record CatalogImage(long revision, List<Tool> tools, CommittedChange lastChange, ProfileSchemas schemas) {

    /** An image of a catalog without profile schemas. */
    public CatalogImage(long revision, List<Tool> tools, CommittedChange lastChange) {
        this(revision, tools, lastChange, ProfileSchemas.none());
    }
}
