package io.toolcatalog.api.tool;

import io.toolcatalog.core.tool.ToolVersion;
import java.time.Instant;

/** One stored version of a tool: the tool as it was after {@code operation}. */
record VersionResponse(
        int version, String operation, long revision, Instant changedAt, String changedBy, ToolResponse tool) {

    static VersionResponse from(ToolVersion version) {
        return new VersionResponse(
                version.version(),
                version.operation(),
                version.revision(),
                version.changedAt(),
                version.changedBy(),
                ToolResponse.from(version.document()));
    }
}
