package io.toolcatalog.api.tool;

import io.toolcatalog.api.error.ApiProblem;
import io.toolcatalog.core.tool.Tool;
import org.springframework.http.HttpHeaders;

/** The conditional-request headers of a tool: its ETag is its version, {@code "3"}. */
final class Preconditions {

    private Preconditions() {}

    static String etagOf(Tool tool) {
        return "\"" + tool.version() + "\"";
    }

    /** True when an {@code If-None-Match} value names the tool's current version. */
    static boolean notModified(String ifNoneMatch, Tool tool) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String value = tag.trim();
            if (value.equals("*") || stripWeak(value).equals(etagOf(tool))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The version an update expects: {@code If-Match} and a body {@code version} both say it, and
     * must agree. Null when neither is given (or {@code If-Match: *}).
     */
    static Integer expectedVersion(String ifMatch, Integer bodyVersion) {
        Integer header = parseIfMatch(ifMatch);
        if (header != null && bodyVersion != null && !header.equals(bodyVersion)) {
            throw ApiProblem.badRequest(
                    "version", "is " + bodyVersion + " but If-Match says " + header + "; send one or make them agree");
        }
        return header != null ? header : bodyVersion;
    }

    static Integer parseIfMatch(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String value = stripWeak(ifMatch.trim());
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest(HttpHeaders.IF_MATCH, "'" + ifMatch + "' is not a tool version such as \"3\"");
        }
    }

    private static String stripWeak(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
