package io.toolcatalog.core.write;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolcatalog.core.error.InvalidToolException;
import io.toolcatalog.core.error.SchemaViolation;
import io.toolcatalog.core.error.SchemaViolationException;
import io.toolcatalog.core.error.ToolNotFoundException;
import io.toolcatalog.core.store.ProfileSchemaStore;
import io.toolcatalog.core.store.ToolStore;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.tool.ProfileSchemas;
import io.toolcatalog.core.tool.ToolValidator;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Sets and deletes profile schemas. A schema change is a catalog change: it takes the next revision
 * under the {@code catalog_state} row lock (so no tool write runs beside it), checks every tool
 * against the new schema there, writes the schema and a change-log row (no tool names, operation
 * {@code schema_set} / {@code schema_delete}) and is announced like any change; nodes take the
 * schemas with a full reload of that revision. It runs in a transaction of its own, never in a
 * group: a neighbour must not see, or cache, schemas that may yet roll back.
 */
public final class SchemaEditor {

    private final Commits commits;
    private final ToolStore tools;
    private final ProfileSchemaStore schemas;
    private final ToolValidator validator;

    /**
     * An editor whose schema store, on {@code jdbc}, compiles the schemas as {@code validator} does
     * (its JSON, its schema compiler): what a set writes is what its check of every tool used.
     */
    public SchemaEditor(Commits commits, ToolStore tools, JdbcTemplate jdbc, ToolValidator validator) {
        this.commits = commits;
        this.tools = tools;
        this.schemas = new ProfileSchemaStore(jdbc, validator.json(), validator.jsonSchemas());
        this.validator = validator;
    }

    /**
     * Sets the schema of profile {@code name}; returns the revision it took. Throws
     * {@link SchemaViolationException} listing the tools that break it, and writes nothing then.
     */
    public long set(String name, JsonNode document, Actor actor) {
        checkInput(name, document);
        return commits.commitWithoutTools(
                "schema_set", actor.withReasonIfNone("Schema of profile " + name + " set"), revision -> {
                    List<SchemaViolation> rejected =
                            violations(schemas.current().with(name, document, revision, validator.jsonSchemas()));
                    if (!rejected.isEmpty()) {
                        throw SchemaViolationException.rejectedBy(name, rejected);
                    }
                    schemas.write(name, document, revision, commits.now(), actor.triggeredBy());
                });
    }

    /** The tools that would break {@code document} as the schema of {@code name}; nothing is set. */
    public List<SchemaViolation> dryRun(String name, JsonNode document) {
        checkInput(name, document);
        return violations(schemas.current().with(name, document, 0, validator.jsonSchemas()));
    }

    /** Deletes the schema of profile {@code name}; returns the revision it took. */
    public long delete(String name, Actor actor) {
        validator.checkName("name", name);
        return commits.commitWithoutTools(
                "schema_delete", actor.withReasonIfNone("Schema of profile " + name + " deleted"), revision -> {
                    if (!schemas.current().documents().containsKey(name)) {
                        throw ToolNotFoundException.profileSchema(name);
                    }
                    schemas.write(name, null, revision, commits.now(), actor.triggeredBy());
                });
    }

    private void checkInput(String name, JsonNode document) {
        validator.checkName("name", name);
        if (document == null || document.isNull() || document.isMissingNode()) {
            throw InvalidToolException.field("schema", "is required");
        }
        validator.checkSchemaDocument("schema", document);
    }

    private List<SchemaViolation> violations(ProfileSchemas next) {
        return next.violations(tools.findAll(), validator.json());
    }
}
