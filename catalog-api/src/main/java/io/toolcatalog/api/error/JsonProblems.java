package io.toolcatalog.api.error;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Turns a Jackson failure into the field a caller would look at ({@code tools[3].profiles.default.timeout_ms})
 * and a sentence without Java class names.
 */
final class JsonProblems {

    private JsonProblems() {}

    static ApiProblem of(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return ApiProblem.badRequest(
                    pathOf(unknown.getPath()), "unknown field '" + unknown.getPropertyName() + "'");
        }
        if (e instanceof InvalidFormatException invalid) {
            return ApiProblem.badRequest(
                    pathOf(invalid.getPath()),
                    "must be " + describe(invalid.getTargetType()) + ", not '" + invalid.getValue() + "'");
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return ApiProblem.badRequest(
                    pathOf(mismatched.getPath()), "must be " + describe(mismatched.getTargetType()));
        }
        if (e instanceof JsonMappingException mapping && !(e.getCause() instanceof JsonParseException)) {
            return ApiProblem.badRequest(pathOf(mapping.getPath()), String.valueOf(mapping.getOriginalMessage()));
        }
        JsonProcessingException parse = e.getCause() instanceof JsonParseException cause ? cause : e;
        String message = String.valueOf(parse.getOriginalMessage()).replaceAll("\\[Source: [^;]*; ", "[");
        return ApiProblem.badRequest("body", "is not well-formed: " + message + location(parse));
    }

    static String pathOf(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            } else if (reference.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null
                ? ""
                : " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")";
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a " + type.getSimpleName();
    }
}
