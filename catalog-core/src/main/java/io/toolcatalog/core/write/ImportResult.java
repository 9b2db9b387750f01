package io.toolcatalog.core.write;

/** What an import did (or, on a dry run, would do); {@code revision} is the catalog's afterwards. */
public record ImportResult(
        int imported, int created, int updated, int deleted, int unchanged, long revision, boolean dryRun) {}
