package io.toolcatalog.core.tool;

import java.time.Instant;

/** One stored version of a tool: what it was after {@code operation}, at catalog {@code revision}. */
public record ToolVersion(
        String name,
        int version,
        Tool document,
        String operation,
        long revision,
        Instant changedAt,
        String changedBy) {}
