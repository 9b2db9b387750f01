package io.toolcatalog.core.store;

import io.toolcatalog.core.error.ToolNotFoundException;
import io.toolcatalog.core.tool.ToolVersion;
import java.util.List;

/**
 * What the database has committed, for the reads a node's snapshot cannot answer: the catalog's
 * revision, the names a span of revisions changed, the versions of a tool. Each is one read of
 * PostgreSQL; ordinary reads are served from the snapshot instead.
 */
public final class CommittedCatalog {

    private final ChangeLog changes;
    private final ToolVersionStore versions;

    public CommittedCatalog(ChangeLog changes, ToolVersionStore versions) {
        this.changes = changes;
        this.versions = versions;
    }

    /** The catalog's committed revision. */
    public long revision() {
        return changes.currentRevision();
    }

    /** The names changed in revisions (after, upTo], when the change log still covers them. */
    public ChangeSpan changes(long after, long upTo) {
        return changes.span(after, upTo);
    }

    /**
     * One page of a tool's versions, newest first, and how many it has (deleted ones included).
     *
     * @throws ToolNotFoundException the tool never existed
     */
    public Versions versions(String name, int limit, int offset) {
        int total = versions.count(name);
        if (total == 0) {
            throw ToolNotFoundException.named(name);
        }
        return new Versions(versions.list(name, limit, offset), total);
    }

    /** A page of a tool's versions and their total. */
    public record Versions(List<ToolVersion> page, int total) {}
}
