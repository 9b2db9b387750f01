package io.toolcatalog.core.store;

import io.toolcatalog.core.tool.ToolVersion;

/**
 * One tool's versions around a revision R: the one R wrote, the last one before R (null when R
 * created the name) and the newest one now (R's own when nothing changed the tool since).
 */
public record VersionsAround(String name, ToolVersion at, ToolVersion before, ToolVersion latest) {}
