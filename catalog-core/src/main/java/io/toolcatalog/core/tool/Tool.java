package io.toolcatalog.core.tool;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tool as the catalog stores it. {@code version} counts this tool's changes (optimistic
 * locking, ETag); {@code revision} is the catalog revision that last wrote it. {@code inputSchema}
 * and {@code outputSchema} (JSON Schema documents) describe its call interface; null when not given.
 */
public record Tool(
        String name,
        String description,
        String category,
        List<String> tags,
        boolean enabled,
        Map<String, Profile> profiles,
        JsonNode inputSchema,
        JsonNode outputSchema,
        int version,
        long revision,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {

    public Tool {
        tags = tags == null ? List.of() : List.copyOf(tags);
        inputSchema = absentIfNull(inputSchema);
        outputSchema = absentIfNull(outputSchema);
        profiles = profiles == null
                ? Map.of()
                : profiles instanceof StoredProfiles stored
                        ? stored
                        : java.util.Collections.unmodifiableMap(new TreeMap<>(profiles));
    }

    /**
     * Parses now whatever a reader would parse later (profiles kept as stored text), so a row that
     * cannot be served is found before it is: throws {@link IllegalStateException} when it cannot be
     * read. {@code earlier} is the same tool as served until now, or null: its parsed profiles are
     * reused when the stored text is the same, so an unchanged row is not parsed twice. True only
     * when they were: then both hold the same profiles text, known without comparing it again.
     */
    public boolean requireReadable(Tool earlier) {
        return profiles instanceof StoredProfiles stored && stored.parseNow(earlier == null ? null : earlier.profiles);
    }

    /** A new tool from {@code draft}: enabled unless it says otherwise, written by {@code by} at {@code at}. */
    public static Tool created(ToolDraft draft, int version, long revision, Instant at, String by) {
        return new Tool(draft.name(), null, null, null, true, null, null, null, version, revision, at, by, at, by)
                .rebuilt(draft, version, revision, at, by);
    }

    /** This tool with the content fields {@code draft} carries (a null field is left as it is). */
    public Tool withContent(ToolDraft draft) {
        return rebuilt(draft, version, revision, updatedAt, updatedBy);
    }

    public Tool withEnabled(boolean value) {
        return withContent(ToolDraft.onlyEnabled(value));
    }

    /** This tool with {@code value} as its profiles (a tool read with its profiles kept apart). */
    public Tool withProfiles(Map<String, Profile> value) {
        return withContent(ToolDraft.onlyProfiles(value));
    }

    /** This tool as a new version, written at {@code newRevision} by {@code by}. */
    public Tool stamped(int newVersion, long newRevision, Instant at, String by) {
        return rebuilt(UNCHANGED, newVersion, newRevision, at, by);
    }

    private static final ToolDraft UNCHANGED = ToolDraft.onlyEnabled(null);

    /** The one place a tool is copied: a new field is added here, and to {@link #sameContentAs}. */
    private Tool rebuilt(ToolDraft draft, int newVersion, long newRevision, Instant at, String by) {
        return new Tool(
                name,
                draft.description() != null ? draft.description() : description,
                draft.category() != null ? draft.category() : category,
                draft.tags() != null ? draft.tags() : tags,
                draft.enabled() != null ? draft.enabled() : enabled,
                draft.profiles() != null ? draft.profiles() : profiles,
                draft.inputSchema() != null ? draft.inputSchema() : inputSchema,
                draft.outputSchema() != null ? draft.outputSchema() : outputSchema,
                newVersion,
                newRevision,
                createdAt,
                createdBy,
                at,
                by);
    }

    /** True when the two differ in what a user wrote, ignoring version, revision and audit fields. */
    public boolean sameContentAs(Tool other) {
        return description.equals(other.description)
                && java.util.Objects.equals(category, other.category)
                && tags.equals(other.tags)
                && enabled == other.enabled
                && profiles.equals(other.profiles)
                && java.util.Objects.equals(inputSchema, other.inputSchema)
                && java.util.Objects.equals(outputSchema, other.outputSchema);
    }

    /** A JSON {@code null} (a draft's "remove it") is no schema. */
    private static JsonNode absentIfNull(JsonNode document) {
        return document == null || document.isNull() || document.isMissingNode() ? null : document;
    }
}
