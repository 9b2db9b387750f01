package io.toolcatalog.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One tool of the catalog as the client holds it, disabled ones included.
 *
 * @param name the tool's unique name
 * @param description what the tool does
 * @param category the tool's category, may be {@code null}
 * @param tags the tool's tags (immutable, never {@code null})
 * @param enabled whether pipelines may call the tool; {@link CatalogClient#profiles()} lists enabled tools only
 * @param profiles the tool's profiles by profile name (immutable, never {@code null})
 * @param inputSchema the JSON Schema of the tool's input, {@code null} when it has none
 * @param outputSchema the JSON Schema of the tool's output, {@code null} when it has none
 * @param version the tool's own version, raised by every change to it
 * @param revision the catalog revision that last changed the tool
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CatalogTool(
        String name,
        String description,
        String category,
        List<String> tags,
        boolean enabled,
        Map<String, ToolProfile> profiles,
        JsonNode inputSchema,
        JsonNode outputSchema,
        int version,
        long revision) {

    /** Freezes the collections and turns absent ones into empty ones; a tool always has a name. */
    public CatalogTool {
        Objects.requireNonNull(name, "name");
        tags = tags == null ? List.of() : List.copyOf(tags);
        profiles = profiles == null ? Map.of() : Frozen.map(profiles);
        inputSchema = inputSchema == null || inputSchema.isNull() ? null : inputSchema.deepCopy();
        outputSchema = outputSchema == null || outputSchema.isNull() ? null : outputSchema.deepCopy();
    }
}
