-- The catalog's revision counter. Every mutation starts with
--   UPDATE catalog_state SET revision = revision + 1 WHERE id = 1 RETURNING revision
-- whose row lock serialises writers, so revisions commit in revision order and without gaps.
CREATE TABLE catalog_state (
    id       smallint PRIMARY KEY CHECK (id = 1),
    revision bigint   NOT NULL CHECK (revision >= 0)
);
INSERT INTO catalog_state (id, revision) VALUES (1, 0);

CREATE TABLE tools (
    name        text        PRIMARY KEY,
    description text        NOT NULL DEFAULT '',
    category    text,
    tags        text[]      NOT NULL DEFAULT '{}',
    enabled     boolean     NOT NULL DEFAULT true,
    profiles    jsonb       NOT NULL DEFAULT '{}',
    version     integer     NOT NULL CHECK (version > 0),
    revision    bigint      NOT NULL,
    created_at  timestamptz NOT NULL,
    created_by  text        NOT NULL,
    updated_at  timestamptz NOT NULL,
    updated_by  text        NOT NULL
);

-- Every version of every tool, deletions included, so versions keep counting up when a name is
-- deleted and created again, and any version can be rolled back to.
CREATE TABLE tool_versions (
    name       text        NOT NULL,
    version    integer     NOT NULL,
    document   jsonb       NOT NULL,
    operation  text        NOT NULL,
    revision   bigint      NOT NULL,
    changed_at timestamptz NOT NULL,
    changed_by text        NOT NULL,
    PRIMARY KEY (name, version)
);

-- The change log: which names each revision touched. A node catching up from revision A to R
-- reads the rows in (A, R]; when they no longer cover A + 1 it reloads everything.
CREATE TABLE catalog_changes (
    revision     bigint      PRIMARY KEY,
    tool_names   text[]      NOT NULL,
    operation    text        NOT NULL,
    trigger      text        NOT NULL,
    triggered_by text        NOT NULL,
    principal    text        NOT NULL,
    reason       text,
    reload_id    uuid        NOT NULL,
    origin_node  text        NOT NULL,
    committed_at timestamptz NOT NULL
);
CREATE INDEX catalog_changes_committed_at ON catalog_changes (committed_at);
