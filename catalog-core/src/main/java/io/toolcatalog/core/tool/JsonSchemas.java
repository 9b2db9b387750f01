package io.toolcatalog.core.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.toolcatalog.core.error.InvalidToolException;
import java.util.List;

/**
 * JSON Schema 2020-12 through networknt's validator: checks a document against the meta-schema and
 * compiles it. A schema may not reach the network: {@code $ref} resolves only inside the document
 * and to the bundled meta-schemas.
 */
public final class JsonSchemas {

    private static final String META_SCHEMA = "https://json-schema.org/draft/2020-12/schema";

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Schema metaSchema = registry.getSchema(SchemaLocation.of(META_SCHEMA));

    /**
     * Throws {@link InvalidToolException} naming {@code field} (and the place inside the document)
     * when {@code document} is not a JSON Schema 2020-12 document.
     */
    public void checkDocument(String field, JsonNode document) {
        if (document == null || !(document.isObject() || document.isBoolean())) {
            throw InvalidToolException.field(field, "must be a JSON Schema: an object or a boolean");
        }
        List<Error> errors = metaSchema.validate(document);
        if (!errors.isEmpty()) {
            Error first = errors.get(0);
            throw InvalidToolException.field(
                    field + suffix(first.getInstanceLocation().toString()),
                    "is not a valid JSON Schema 2020-12: " + first.getMessage());
        }
        compile(field, document);
    }

    /** The compiled schema, built once; its validators are initialised now, not on first use. */
    public Schema compile(String field, JsonNode document) {
        try {
            Schema schema = registry.getSchema(document);
            schema.initializeValidators();
            return schema;
        } catch (SchemaException | IllegalArgumentException e) {
            throw InvalidToolException.field(field, "is not a usable JSON Schema: " + e.getMessage());
        }
    }

    /** {@code $.a.b} (the validator's instance location) as the API's field suffix {@code .a.b}. */
    static String suffix(String instanceLocation) {
        if (instanceLocation == null || instanceLocation.equals("$")) {
            return "";
        }
        return instanceLocation.startsWith("$") ? instanceLocation.substring(1) : "." + instanceLocation;
    }
}
