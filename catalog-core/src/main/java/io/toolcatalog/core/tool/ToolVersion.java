package io.toolcatalog.core.tool;

import java.time.Instant;

/** One stored version of a tool: what it was after {@code operation}, at catalog {@code revision}. */
public record ToolVersion(
        String name, int version, Tool document, String operation, long revision, Instant changedAt, String changedBy) {

    /** {@code tool} as the version {@code operation} wrote. */
    public static ToolVersion of(Tool tool, String operation) {
        return new ToolVersion(
                tool.name(), tool.version(), tool, operation, tool.revision(), tool.updatedAt(), tool.updatedBy());
    }
}
