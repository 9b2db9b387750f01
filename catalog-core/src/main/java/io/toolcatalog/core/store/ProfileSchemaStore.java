package io.toolcatalog.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolcatalog.core.tool.JsonSchemas;
import io.toolcatalog.core.tool.ProfileSchemas;
import io.toolcatalog.core.tool.SchemasInForce;
import io.toolcatalog.core.tool.ToolJson;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code profile_schemas} table and {@code catalog_state.schemas_revision}, the revision of the
 * last schema change. {@link #current()} costs one {@code SELECT} of that revision and compiles the
 * schemas only when it moved: once per schema revision on this node, shared by its writes and its
 * reloads. Writes run inside the caller's transaction, after the revision row lock.
 */
public final class ProfileSchemaStore implements SchemasInForce {

    private static final String SCHEMAS_REVISION = "SELECT schemas_revision FROM catalog_state WHERE id = 1";

    private static final String ALL = "SELECT name, document::text AS document FROM profile_schemas";

    private static final String UPSERT =
            """
            INSERT INTO profile_schemas (name, document, revision, updated_at, updated_by)
            VALUES (?, CAST(? AS jsonb), ?, ?, ?)
            ON CONFLICT (name) DO UPDATE SET document = EXCLUDED.document, revision = EXCLUDED.revision,
                                             updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
            """;

    private static final String DELETE = "DELETE FROM profile_schemas WHERE name = ?";

    private static final String MOVE_REVISION = "UPDATE catalog_state SET schemas_revision = ? WHERE id = 1";

    private final JdbcTemplate jdbc;
    private final ToolJson json;
    private final JsonSchemas schemas;
    private volatile ProfileSchemas latest = ProfileSchemas.none();

    public ProfileSchemaStore(JdbcTemplate jdbc, ToolJson json, JsonSchemas schemas) {
        this.jdbc = jdbc;
        this.json = json;
        this.schemas = schemas;
    }

    /**
     * The schemas the database holds now (in the caller's transaction), compiled; the compiled set
     * of the same schema revision is reused.
     */
    @Override
    public ProfileSchemas current() {
        Long revision = jdbc.queryForObject(SCHEMAS_REVISION, Long.class);
        long at = revision == null ? 0 : revision;
        ProfileSchemas known = latest;
        if (known.revision() == at) {
            return known;
        }
        Map<String, JsonNode> documents = new HashMap<>();
        jdbc.query(ALL, rs -> {
            documents.put(rs.getString("name"), json.readDocument(rs.getString("document")));
        });
        ProfileSchemas compiled = ProfileSchemas.compile(at, documents, schemas);
        latest = compiled;
        return compiled;
    }

    /** Sets (or, with a null {@code document}, deletes) one schema as the change at {@code revision}. */
    public void write(String name, JsonNode document, long revision, Instant at, String by) {
        if (document == null) {
            jdbc.update(DELETE, name);
        } else {
            jdbc.update(UPSERT, name, json.writeDocument(document), revision, ToolRows.timestamp(at), by);
        }
        jdbc.update(MOVE_REVISION, revision);
    }
}
