package io.toolcatalog.core.tool;

/** The database's revision and the {@link ToolDigest} of its {@code tools} at that revision. */
public record RevisionDigest(long revision, String digest) {}
