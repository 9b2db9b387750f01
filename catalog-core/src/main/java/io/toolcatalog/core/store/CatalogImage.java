package io.toolcatalog.core.store;

import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.tool.Tool;
import java.util.List;

/**
 * The whole {@code tools} table as of {@code revision}, read in one snapshot. {@code lastChange}
 * is the change that produced {@code revision} (null when the log no longer has it); its
 * {@code toolNames} are left empty.
 */
public record CatalogImage(long revision, List<Tool> tools, CommittedChange lastChange) {}
