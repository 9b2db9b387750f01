package io.toolcatalog.core.tool;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

/**
 * Whether a change to a tool's {@code input_schema} is breaking: whether some input the old schema
 * accepted may be refused by the new one (the schema narrowed). Conservative: a change it cannot
 * prove harmless (a combinator such as {@code anyOf} or {@code $ref} that changed) counts as
 * breaking. No schema, {@code {}} and {@code true} accept everything.
 */
public final class InputSchemaChange {

    /** Keywords compared below; any other keyword that changed makes the change breaking. */
    private static final Set<String> UNDERSTOOD = Set.of(
            "type",
            "required",
            "properties",
            "additionalProperties",
            "enum",
            "const",
            "items",
            "minimum",
            "exclusiveMinimum",
            "maximum",
            "exclusiveMaximum",
            "minLength",
            "maxLength",
            "minItems",
            "maxItems",
            "minProperties",
            "maxProperties",
            "pattern",
            "format",
            "title",
            "description",
            "examples",
            "default",
            "$comment",
            "$schema",
            "$id");

    private static final Set<String> LOWER_BOUNDS =
            Set.of("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties");

    private static final Set<String> UPPER_BOUNDS =
            Set.of("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties");

    private InputSchemaChange() {}

    /** True when {@code after} may refuse an input {@code before} accepted (either may be null: no schema). */
    public static boolean isBreaking(JsonNode before, JsonNode after) {
        if (acceptsAll(after)) {
            return false;
        }
        if (acceptsAll(before)) {
            return true;
        }
        if (after.isBoolean()) {
            return !after.asBoolean() && !refusesAll(before);
        }
        if (refusesAll(before)) {
            return false;
        }
        return narrows(before, after);
    }

    private static boolean narrows(JsonNode before, JsonNode after) {
        return typesNarrowed(before.get("type"), after.get("type"))
                || !names(before.get("required")).containsAll(names(after.get("required")))
                || propertiesNarrowed(before, after)
                || isBreaking(orTrue(before.get("additionalProperties")), orTrue(after.get("additionalProperties")))
                || isBreaking(orTrue(before.get("items")), orTrue(after.get("items")))
                || valuesNarrowed(before.get("enum"), after.get("enum"))
                || changedWhenPresent(before.get("const"), after.get("const"))
                || changedWhenPresent(before.get("pattern"), after.get("pattern"))
                || changedWhenPresent(before.get("format"), after.get("format"))
                || boundsNarrowed(before, after)
                || otherKeywordChanged(before, after);
    }

    private static boolean typesNarrowed(JsonNode before, JsonNode after) {
        if (after == null) {
            return false;
        }
        Set<String> allowed = names(after);
        if (allowed.contains("number")) {
            allowed.add("integer");
        }
        if (before == null) {
            return true;
        }
        return !allowed.containsAll(names(before));
    }

    private static boolean propertiesNarrowed(JsonNode before, JsonNode after) {
        JsonNode was = before.path("properties");
        JsonNode now = after.path("properties");
        for (Iterator<String> it = was.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!now.has(name) || isBreaking(was.get(name), now.get(name))) {
                return true;
            }
        }
        // a property newly described narrows what an explicit additionalProperties allowed; a caller
        // cannot have relied on an undescribed property of an open schema, so adding one is not breaking
        JsonNode additional = before.get("additionalProperties");
        if (additional == null) {
            return false;
        }
        for (Iterator<String> it = now.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!was.has(name) && isBreaking(additional, now.get(name))) {
                return true;
            }
        }
        return false;
    }

    private static boolean valuesNarrowed(JsonNode before, JsonNode after) {
        if (after == null) {
            return false;
        }
        if (before == null) {
            return true;
        }
        Set<JsonNode> allowed = new HashSet<>();
        after.forEach(allowed::add);
        for (JsonNode value : before) {
            if (!allowed.contains(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean changedWhenPresent(JsonNode before, JsonNode after) {
        return after != null && !after.equals(before);
    }

    private static boolean boundsNarrowed(JsonNode before, JsonNode after) {
        for (String key : LOWER_BOUNDS) {
            JsonNode now = after.get(key);
            JsonNode was = before.get(key);
            if (now != null && (was == null || now.asDouble() > was.asDouble())) {
                return true;
            }
        }
        for (String key : UPPER_BOUNDS) {
            JsonNode now = after.get(key);
            JsonNode was = before.get(key);
            if (now != null && (was == null || now.asDouble() < was.asDouble())) {
                return true;
            }
        }
        return false;
    }

    private static boolean otherKeywordChanged(JsonNode before, JsonNode after) {
        Set<String> keys = new HashSet<>();
        before.fieldNames().forEachRemaining(keys::add);
        after.fieldNames().forEachRemaining(keys::add);
        keys.removeAll(UNDERSTOOD);
        return keys.stream().anyMatch(key -> after.has(key) && !after.get(key).equals(before.get(key)));
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new HashSet<>();
        if (node != null && node.isTextual()) {
            names.add(node.asText());
        } else if (node != null) {
            node.forEach(n -> names.add(n.asText()));
        }
        return names;
    }

    private static boolean acceptsAll(JsonNode schema) {
        return schema == null
                || schema.isNull()
                || (schema.isBoolean() && schema.asBoolean())
                || (schema.isObject() && schema.isEmpty());
    }

    private static boolean refusesAll(JsonNode schema) {
        return schema.isBoolean() && !schema.asBoolean();
    }

    private static JsonNode orTrue(JsonNode schema) {
        return schema == null ? com.fasterxml.jackson.databind.node.BooleanNode.TRUE : schema;
    }
}
