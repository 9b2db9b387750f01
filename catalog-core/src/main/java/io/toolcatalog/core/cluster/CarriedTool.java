package io.toolcatalog.core.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.tool.ToolJson;
import java.time.Instant;
import java.util.List;

/**
 * A tool row as a {@link ChangeMessage} carries it: the row's columns, with {@code profiles} as the
 * text PostgreSQL holds (not re-parsed by the sender), so a receiver's snapshot, and its digest,
 * are those of the row the database holds.
 */
public record CarriedTool(
        String name,
        String description,
        String category,
        List<String> tags,
        boolean enabled,
        String profiles,
        JsonNode inputSchema,
        JsonNode outputSchema,
        int version,
        long revision,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {

    static CarriedTool of(Tool tool, ToolJson json) {
        return new CarriedTool(
                tool.name(),
                tool.description(),
                tool.category(),
                tool.tags(),
                tool.enabled(),
                json.writeProfiles(tool.profiles()),
                tool.inputSchema(),
                tool.outputSchema(),
                tool.version(),
                tool.revision(),
                tool.createdAt(),
                tool.createdBy(),
                tool.updatedAt(),
                tool.updatedBy());
    }

    /** The row as a node holds it; its profiles are parsed when validated. */
    Tool tool(ToolJson json) {
        return new Tool(
                name,
                description,
                category,
                tags,
                enabled,
                profiles == null ? null : json.storedProfiles(profiles),
                inputSchema,
                outputSchema,
                version,
                revision,
                createdAt,
                createdBy,
                updatedAt,
                updatedBy);
    }
}
