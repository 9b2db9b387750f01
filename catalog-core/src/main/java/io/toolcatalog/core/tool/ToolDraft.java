package io.toolcatalog.core.tool;

import java.util.List;
import java.util.Map;

/**
 * What a caller writes: a whole tool on create and import, only the fields to change on update
 * (a {@code null} field is left as it is). {@code author} is the API's {@code created_by} /
 * {@code updated_by}: who the caller says made the change.
 */
public record ToolDraft(
        String name,
        String description,
        String category,
        List<String> tags,
        Boolean enabled,
        Map<String, Profile> profiles,
        String author) {

    /** A draft whose every content field is the tool's own: used by rollback. */
    public static ToolDraft of(Tool tool, String author) {
        return new ToolDraft(
                tool.name(), tool.description(), tool.category(), tool.tags(), tool.enabled(), tool.profiles(), author);
    }

    /** A draft that changes only {@code enabled} (nothing at all when null). */
    public static ToolDraft onlyEnabled(Boolean enabled) {
        return new ToolDraft(null, null, null, null, enabled, null, null);
    }

    /** This draft whole: the fields it leaves out take their defaults (an import replaces a tool whole). */
    public ToolDraft withDefaults() {
        return new ToolDraft(
                name,
                description,
                category == null ? "" : category,
                tags == null ? List.of() : tags,
                enabled == null ? Boolean.TRUE : enabled,
                profiles == null ? Map.of() : profiles,
                author);
    }
}
