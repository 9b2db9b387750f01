package io.toolcatalog.core.store;

import io.toolcatalog.core.tool.ToolDigest;

/** The database's revision and the {@link ToolDigest} of its {@code tools} at that revision. */
public record RevisionDigest(long revision, String digest) {}
