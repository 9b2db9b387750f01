package io.toolcatalog.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolcatalog.core.error.SchemaViolation;
import java.util.List;
import java.util.Map;

/** The answers of {@code /api/v1/schemas/profiles}. */
final class SchemaResponses {

    private SchemaResponses() {}

    /** Every profile schema at {@code revision}, by profile name. */
    record SchemaList(long revision, Map<String, JsonNode> schemas) {}

    /** One profile's schema: {@code schema} is the document as it was set. */
    record ProfileSchema(String name, long revision, JsonNode schema) {}

    /** What a set or delete did: the revision it took. */
    record SchemaChanged(String name, long revision, boolean deleted) {}

    /** A dry run: the tools that break the schema, with the first field of each. */
    record DryRun(String name, List<String> wouldReject, List<SchemaViolation> violations) {

        static DryRun of(String name, List<SchemaViolation> violations) {
            return new DryRun(
                    name, violations.stream().map(SchemaViolation::tool).toList(), violations);
        }
    }
}
