package io.toolcatalog.api.tool;

import io.toolcatalog.core.tool.Profile;
import io.toolcatalog.core.tool.Tool;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A tool as the API shows it; also one entry of an export. */
record ToolResponse(
        String name,
        String description,
        String category,
        List<String> tags,
        boolean enabled,
        Map<String, Profile> profiles,
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
                tool.version(),
                tool.revision(),
                tool.createdAt(),
                tool.createdBy(),
                tool.updatedAt(),
                tool.updatedBy());
    }
}
