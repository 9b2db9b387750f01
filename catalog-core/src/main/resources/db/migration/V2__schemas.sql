-- Profile schemas: a JSON Schema (2020-12) per profile name. Setting or deleting one is a catalog
-- change like any other (it takes a revision under the catalog_state row lock and writes a
-- catalog_changes row, operation 'schema_set' / 'schema_delete'), so every write validated under
-- that lock sees the schemas in force at its own revision.
CREATE TABLE profile_schemas (
    name       text        PRIMARY KEY,
    document   jsonb       NOT NULL,
    revision   bigint      NOT NULL,
    updated_at timestamptz NOT NULL,
    updated_by text        NOT NULL
);

-- The revision of the last schema change: a writer reads it under the row lock and recompiles the
-- schemas only when it moved, so the schemas are compiled once per revision, not per write.
ALTER TABLE catalog_state ADD COLUMN schemas_revision bigint NOT NULL DEFAULT 0;

-- A tool's call interface: optional JSON Schema documents for its input and its output.
ALTER TABLE tools ADD COLUMN input_schema jsonb;
ALTER TABLE tools ADD COLUMN output_schema jsonb;
