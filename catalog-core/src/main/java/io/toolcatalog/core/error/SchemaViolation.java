package io.toolcatalog.core.error;

/** One tool's profile breaking its schema: the tool, the field ({@code profiles.stage_b.timeout_ms}), why. */
public record SchemaViolation(String tool, String field, String message) {}
