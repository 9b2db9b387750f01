package io.toolcatalog.client;

import java.util.Map;

/**
 * Every tool of the catalog, disabled ones too, at one revision: what {@link CatalogClient#tools()}
 * answers, so a pipeline can list the whole catalog without knowing the names first.
 *
 * @param revision the catalog revision this view belongs to
 * @param tools every tool by name (immutable, sorted by name)
 */
public record CatalogTools(long revision, Map<String, CatalogTool> tools) {

    /** Freezes {@code tools}. */
    public CatalogTools {
        tools = Frozen.map(tools);
    }
}
