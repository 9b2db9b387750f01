package io.toolcatalog.api.tool;

import io.toolcatalog.core.write.ImportResult;

/** What an import did, or on a dry run would do; {@code revision} is the catalog's afterwards. */
record ImportResponse(
        int imported, int created, int updated, int deleted, int unchanged, long revision, boolean dryRun) {

    static ImportResponse from(ImportResult result) {
        return new ImportResponse(
                result.imported(),
                result.created(),
                result.updated(),
                result.deleted(),
                result.unchanged(),
                result.revision(),
                result.dryRun());
    }
}
