package io.toolcatalog.api.tool;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.toolcatalog.core.tool.Profile;
import io.toolcatalog.core.tool.Tool;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A tool as the API shows it; also one entry of an export. A tool without a schema shows no schema field. */
record ToolResponse(
        String name,
        String description,
        String category,
        List<String> tags,
        boolean enabled,
        Map<String, Profile> profiles,
        @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode inputSchema,
        @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode outputSchema,
        int version,
        long revision,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {

    static ToolResponse from(Tool tool) {
        return new ToolResponse(
                tool.name(),
                tool.description(),
                tool.category(),
                tool.tags(),
                tool.enabled(),
                tool.profiles(),
                tool.inputSchema(),
                tool.outputSchema(),
                tool.version(),
                tool.revision(),
                tool.createdAt(),
                tool.createdBy(),
                tool.updatedAt(),
                tool.updatedBy());
    }
}
