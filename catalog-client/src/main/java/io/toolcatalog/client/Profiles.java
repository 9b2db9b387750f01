package io.toolcatalog.client;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * What a pipeline loads: every enabled tool's profiles at one catalog revision, in the shape of
 * the server's {@code GET /api/v1/profiles}.
 *
 * @param revision the catalog revision this view belongs to
 * @param tools enabled tools by name, then their profiles by profile name (immutable, sorted by name)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Profiles(long revision, Map<String, Map<String, ToolProfile>> tools) {

    /** Freezes {@code tools}. */
    public Profiles {
        tools = Frozen.map(tools);
    }
}
