package io.toolcatalog.api.tool;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolcatalog.core.tool.Profile;
import io.toolcatalog.core.tool.ToolDraft;
import java.util.List;
import java.util.Map;

/**
 * A tool as a request body: {@code POST /tools}, {@code PUT /tools/{name}} (only the fields sent
 * change) and each entry of an import. It has the fields of {@link ToolResponse}, so an export can
 * be imported as it is; which server-owned fields a create or an update refuses is {@link
 * ServerOwnedFields}'s rule. {@code created_by} / {@code updated_by} name the author of a create /
 * update (the caller's {@code triggered_by} otherwise) and are ignored on import; {@code version}
 * is an If-Match on update. {@code input_schema} / {@code output_schema} are JSON Schema documents;
 * {@code null} on update removes one.
 */
public record ToolBody(
        String name,
        String description,
        String category,
        List<String> tags,
        Boolean enabled,
        Map<String, Profile> profiles,
        JsonNode inputSchema,
        JsonNode outputSchema,
        Integer version,
        JsonNode revision,
        JsonNode createdAt,
        String createdBy,
        JsonNode updatedAt,
        String updatedBy) {

    /**
     * A create's draft: the author is {@code created_by}, else {@code updated_by}. A tool created
     * without a category gets {@code ""}, as an import gives it, so export and import round-trip.
     */
    ToolDraft toNewDraft() {
        return new ToolDraft(
                name,
                description,
                category == null ? "" : category,
                tags,
                enabled,
                profiles,
                inputSchema,
                outputSchema,
                createdBy != null ? createdBy : updatedBy);
    }

    /** An update's draft: the author is {@code updated_by}. */
    ToolDraft toPatch() {
        return draft(name, updatedBy);
    }

    /**
     * A change request's staged tool: the fields an update may carry (a whole tool for a new name),
     * the author is {@code updated_by}; server-owned fields are refused as an update refuses them.
     */
    public ToolDraft toStaged() {
        ServerOwnedFields.refuseOnUpdate(this);
        return draft(name, updatedBy);
    }

    /** An import's draft: the author is whoever imports. */
    ToolDraft toImported() {
        return draft(name, null);
    }

    private ToolDraft draft(String toolName, String author) {
        return new ToolDraft(
                toolName, description, category, tags, enabled, profiles, inputSchema, outputSchema, author);
    }
}
