package io.toolcatalog.api.tool;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolcatalog.api.error.ApiProblem;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The fields of a tool that the server writes ({@code version}, {@code revision}, {@code
 * created_at}, {@code updated_at}, and {@code created_by} once the tool exists). A create or an
 * update that sends one is refused like an unknown field, naming it, whatever its value: silently
 * dropping it would let a caller believe it had set it. Two are inputs where the API says so: a
 * create's {@code created_by} names its author, an update's {@code version} is its If-Match. An
 * import takes the export's shape, server-owned fields included, so there they are accepted and
 * ignored, but only with the type the export gives them.
 */
final class ServerOwnedFields {

    private static final String SERVER_OWNED = "is set by the server; leave it out";

    private ServerOwnedFields() {}

    /** {@code POST /tools}: no version, revision or timestamp. */
    static void refuseOnCreate(ToolBody body) {
        refuse("version", body.version() != null);
        refuseTimestampsAndRevision(body);
    }

    /** {@code PUT /tools/{name}}: no revision, timestamp or creator ({@code version} is the If-Match). */
    static void refuseOnUpdate(ToolBody body) {
        refuseTimestampsAndRevision(body);
        refuse("created_by", body.createdBy() != null);
    }

    /** One tool of an import ({@code field} is its place, {@code tools[3]}): the export's types only. */
    static void checkImported(ToolBody body, String field) {
        if (body.version() != null && body.version() < 1) {
            throw ApiProblem.badRequest(field + ".version", "must be a positive integer");
        }
        checkRevision(body.revision(), field + ".revision");
        checkInstant(body.createdAt(), field + ".created_at");
        checkInstant(body.updatedAt(), field + ".updated_at");
    }

    /** The export's own {@code revision} and {@code exported_at}, when an import carries them. */
    static void checkExport(ImportRequest request) {
        checkRevision(request.revision(), "revision");
        checkInstant(request.exportedAt(), "exported_at");
    }

    private static void refuseTimestampsAndRevision(ToolBody body) {
        refuse("revision", body.revision() != null);
        refuse("created_at", body.createdAt() != null);
        refuse("updated_at", body.updatedAt() != null);
    }

    private static void refuse(String field, boolean present) {
        if (present) {
            throw ApiProblem.badRequest(field, SERVER_OWNED);
        }
    }

    private static void checkRevision(JsonNode value, String field) {
        if (value != null
                && !value.isNull()
                && !(value.isIntegralNumber() && value.canConvertToLong() && value.asLong() >= 0)) {
            throw ApiProblem.badRequest(field, "must be a non-negative integer");
        }
    }

    private static void checkInstant(JsonNode value, String field) {
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isTextual()) {
            throw ApiProblem.badRequest(field, "must be a timestamp such as 2024-01-31T12:00:00Z");
        }
        try {
            OffsetDateTime.parse(value.textValue());
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(field, "must be a timestamp such as 2024-01-31T12:00:00Z");
        }
    }
}
