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
                    field + suffix(first), "is not a valid JSON Schema 2020-12: " + first.getMessage());
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

    /**
     * Where an error points, as the API's field suffix: the validator's instance location (a JSON
     * Pointer, {@code /a/0/b}) as {@code .a[0].b}, and for a missing required property its name too.
     */
    static String suffix(Error error) {
        StringBuilder field = new StringBuilder();
        String location = error.getInstanceLocation().toString();
        String[] segments = location.startsWith("$") ? location.split("\\.") : location.split("/");
        for (String segment : segments) {
            if (segment.isEmpty() || segment.equals("$")) {
                continue;
            }
            String name = segment.replace("~1", "/").replace("~0", "~");
            field.append(name.chars().allMatch(Character::isDigit) ? "[" + name + "]" : "." + name);
        }
        if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
            field.append('.').append(error.getProperty());
        }
        return field.toString();
    }
}
