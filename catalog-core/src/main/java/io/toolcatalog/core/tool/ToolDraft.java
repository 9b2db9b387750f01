package io.toolcatalog.core.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.List;
import java.util.Map;

/**
 * What a caller writes: a whole tool on create and import, only the fields to change on update
 * (a {@code null} field is left as it is). {@code author} is the API's {@code created_by} /
 * {@code updated_by}: who the caller says made the change. A schema field that is JSON {@code null}
 * ({@link NullNode}) removes the tool's schema; a Java {@code null} leaves it as it is.
 */
public record ToolDraft(
        String name,
        String description,
        String category,
        List<String> tags,
        Boolean enabled,
        Map<String, Profile> profiles,
        JsonNode inputSchema,
        JsonNode outputSchema,
        String author) {

    /** A draft whose every content field is the tool's own: used by rollback. */
    public static ToolDraft of(Tool tool, String author) {
        return new ToolDraft(
                tool.name(),
                tool.description(),
                tool.category(),
                tool.tags(),
                tool.enabled(),
                tool.profiles(),
                orRemoved(tool.inputSchema()),
                orRemoved(tool.outputSchema()),
                author);
    }

    /** A draft that changes only {@code enabled} (nothing at all when null). */
    public static ToolDraft onlyEnabled(Boolean enabled) {
        return new ToolDraft(null, null, null, null, enabled, null, null, null, null);
    }

    /** A draft that changes only {@code description} (nothing at all when null). */
    public static ToolDraft onlyDescription(String description) {
        return new ToolDraft(null, description, null, null, null, null, null, null, null);
    }

    /** A draft that changes only {@code profiles} (nothing at all when null). */
    public static ToolDraft onlyProfiles(Map<String, Profile> profiles) {
        return new ToolDraft(null, null, null, null, null, profiles, null, null, null);
    }

    /** This draft without its name and author: the content an edit stages for a tool named apart. */
    public ToolDraft contentOnly() {
        return new ToolDraft(null, description, category, tags, enabled, profiles, inputSchema, outputSchema, null);
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
                orRemoved(inputSchema),
                orRemoved(outputSchema),
                author);
    }

    /** This draft for the tool named {@code name} (a staged new tool takes its item's name). */
    public ToolDraft named(String name) {
        return new ToolDraft(name, description, category, tags, enabled, profiles, inputSchema, outputSchema, author);
    }

    /** A schema field left out of a whole tool removes the schema (JSON {@code null}). */
    private static JsonNode orRemoved(JsonNode document) {
        return document == null ? NullNode.getInstance() : document;
    }
}
