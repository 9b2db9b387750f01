package io.toolcatalog.node.robustness;

/** What a client asked a node to do. */
enum OpKind {
    CREATE,
    UPDATE,
    DELETE,
    ENABLE,
    DISABLE,
    IMPORT_MERGE,
    IMPORT_REPLACE,
    ROLLBACK,
    RELOAD_TOOL,
    RELOAD_ALL,
    GET_TOOL,
    LIST,
    PROFILES,
    /** A change request opened from an import body (merge) and published: one revision for its items. */
    CR_PUBLISH,
    /** Undo a recent revision ({@code POST /revisions/{R}/revert}); most find a tool changed since (409). */
    REVERT,
    /**
     * The schema of profile {@code fast} set as an admin to at most some {@code timeout_ms}
     * (the limit in its reason); a restrictive one is mostly refused (422) while tools break it.
     */
    SCHEMA_SET,
    /** A long poll of the watch stream, sent by the consumer-name burst (not drawn by the workload). */
    WATCH_POLL;

    /** Reads whose body is checked against the database's state at the read's revision header. */
    boolean isRead() {
        return this == GET_TOOL || this == LIST || this == PROFILES;
    }

    /** Changes to the catalog: an acknowledged one must be in the database's history. */
    boolean isWrite() {
        return !isRead() && !isReload() && this != WATCH_POLL;
    }

    boolean isReload() {
        return this == RELOAD_TOOL || this == RELOAD_ALL;
    }

    boolean answersWithTool() {
        return this == CREATE || this == UPDATE || this == ENABLE || this == DISABLE || this == ROLLBACK;
    }

    boolean isImport() {
        return this == IMPORT_MERGE || this == IMPORT_REPLACE;
    }
}
