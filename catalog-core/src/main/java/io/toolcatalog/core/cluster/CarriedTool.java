package io.toolcatalog.core.cluster;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.tool.ToolJson;

/**
 * A tool row as a {@link ChangeMessage} carries it: the tool's own JSON form (as {@link ToolJson}
 * writes a {@link Tool}), except {@code profiles}, which is the text PostgreSQL holds (not re-parsed
 * by the sender), so a receiver's snapshot, and its digest, are those of the row the database holds.
 * It names no other field: a field added to {@link Tool} travels without a change here.
 */
public record CarriedTool(@JsonValue ObjectNode row) {

    private static final String PROFILES = "profiles";

    /** The row as received; its fields are read, and checked, by {@link #tool}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public CarriedTool {}

    static CarriedTool of(Tool tool, ToolJson json) {
        ObjectNode row = json.treeWithoutProfiles(tool);
        row.put(PROFILES, json.writeProfiles(tool.profiles()));
        return new CarriedTool(row);
    }

    /**
     * Whether the row lacks a field a tool of this build has: it was written by a build before the
     * field was added, and applying it would serve the field as absent whatever the database holds.
     */
    boolean lacksAField(ToolJson json) {
        for (String field : json.toolFields()) {
            if (!row.has(field)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The row as a node holds it; its profiles are parsed when validated. Throws {@link
     * IllegalArgumentException} when a field cannot be read ({@link ToolJson#readTreeWithoutProfiles}),
     * {@link IllegalStateException} when the profiles are not text.
     */
    Tool tool(ToolJson json) {
        Tool tool = json.readTreeWithoutProfiles(row);
        JsonNode profiles = row.get(PROFILES);
        if (profiles == null || profiles.isNull()) {
            return tool;
        }
        if (!profiles.isTextual()) {
            throw new IllegalStateException("carried profiles are not their stored text");
        }
        return tool.withProfiles(json.storedProfiles(profiles.textValue()));
    }
}
