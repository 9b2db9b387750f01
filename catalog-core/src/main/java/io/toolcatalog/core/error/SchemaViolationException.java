package io.toolcatalog.core.error;

import java.util.List;

/**
 * Content that breaks a profile schema in force (a write, 422 naming the field), or a schema that
 * tools in the catalog break (a schema change, 422 listing them). Nothing was written.
 */
public final class SchemaViolationException extends CatalogException {

    private final String field;
    private final List<SchemaViolation> violations;

    private SchemaViolationException(String field, String message, List<SchemaViolation> violations) {
        super(message);
        this.field = field;
        this.violations = List.copyOf(violations);
    }

    public static SchemaViolationException field(String field, String message) {
        return new SchemaViolationException(field, field + ": " + message, List.of());
    }

    /** Setting the schema of profile {@code name} would leave {@code violations} breaking it. */
    public static SchemaViolationException rejectedBy(String name, List<SchemaViolation> violations) {
        String tools =
                String.join(", ", violations.stream().map(SchemaViolation::tool).toList());
        return new SchemaViolationException(
                "schema",
                "the schema of profile '" + name + "' is broken by " + violations.size() + " tool(s): " + tools,
                violations);
    }

    /** The field, or null when the problem is the tools listed by {@link #violations()}. */
    public String field() {
        return field;
    }

    public List<SchemaViolation> violations() {
        return violations;
    }
}
