package io.toolcatalog.core.error;

/** One tool's profile breaking its schema: the tool, the field ({@code profiles.stage_b.timeout_ms}), why. */
public record Violation(String tool, String field, String message) {}
