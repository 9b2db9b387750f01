package io.toolcatalog.api.tool;

import io.toolcatalog.api.error.ApiProblem;
import io.toolcatalog.core.tool.Tool;
import java.util.Locale;
import java.util.function.Predicate;

/** The filters of {@code GET /tools}; a null filter matches every tool. */
record ToolQuery(Boolean enabled, String category, String tag, String q, int limit, int offset)
        implements Predicate<Tool> {

    static final int MAX_LIMIT = 1000;

    ToolQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiProblem.badRequest("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (offset < 0) {
            throw ApiProblem.badRequest("offset", "must not be negative");
        }
        q = q == null || q.isBlank() ? null : q.toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean test(Tool tool) {
        return (enabled == null || enabled == tool.enabled())
                && (category == null || category.equals(tool.category()))
                && (tag == null || tool.tags().contains(tag))
                && (q == null
                        || tool.name().contains(q)
                        || tool.description().toLowerCase(Locale.ROOT).contains(q));
    }
}
