package io.toolcatalog.client;

import java.util.Map;

/**
 * What a pipeline loads: every enabled tool's profiles at one catalog revision, in the shape of
 * the server's {@code GET /api/v1/profiles}.
 *
 * @param revision the catalog revision this view belongs to
 * @param tools enabled tools by name, then their profiles by profile name (immutable, sorted by name)
 */
public record Profiles(long revision, Map<String, Map<String, Profile>> tools) {

    /** Freezes {@code tools}. */
    public Profiles {
        tools = Frozen.map(tools);
    }
}
