package io.toolcatalog.node.robustness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * Tools as JSON, from the API or from {@code tool_versions.document}, reduced to the fields the
 * API shows and with timestamps as instants, so the two compare with {@code equals}.
 */
final class ToolDocuments {

    static final ObjectMapper JSON = new ObjectMapper();

    private static final List<String> FIELDS = List.of(
            "name",
            "description",
            "category",
            "tags",
            "enabled",
            "profiles",
            "version",
            "revision",
            "created_at",
            "created_by",
            "updated_at",
            "updated_by");

    /** What a user writes: compared for imports, where the server adds versions and authors. */
    static final List<String> CONTENT = List.of("description", "category", "tags", "enabled", "profiles");

    private ToolDocuments() {}

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }

    /**
     * The API's fields of a tool; timestamps as instants whatever their precision or offset,
     * version and revision as longs whatever their JSON width.
     */
    static ObjectNode normalize(JsonNode tool) {
        ObjectNode out = JSON.createObjectNode();
        for (String field : FIELDS) {
            JsonNode value = tool.get(field);
            if (value == null || value.isNull()) {
                out.putNull(field);
            } else if ((field.equals("version") || field.equals("revision")) && value.isIntegralNumber()) {
                out.put(field, value.asLong());
            } else if (field.endsWith("_at") && value.isTextual()) {
                out.put(field, Instant.parse(value.asText()).toString());
            } else {
                out.set(field, value);
            }
        }
        return out;
    }

    /** Only the fields of {@link #CONTENT}. */
    static ObjectNode content(JsonNode tool) {
        ObjectNode out = JSON.createObjectNode();
        CONTENT.forEach(field -> out.set(field, tool.get(field)));
        return out;
    }

    /** The fields of {@code a} and {@code b} that differ, for a report. */
    static String difference(JsonNode a, JsonNode b) {
        StringBuilder diff = new StringBuilder();
        a.fieldNames().forEachRemaining(field -> {
            if (!a.get(field).equals(b.get(field))) {
                diff.append(field)
                        .append(": ")
                        .append(a.get(field))
                        .append(" vs ")
                        .append(b.get(field))
                        .append("; ");
            }
        });
        return diff.toString();
    }
}
