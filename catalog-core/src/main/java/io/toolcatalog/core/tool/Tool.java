package io.toolcatalog.core.tool;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tool as the catalog stores it. {@code version} counts this tool's changes (optimistic
 * locking, ETag); {@code revision} is the catalog revision that last wrote it.
 */
public record Tool(
        String name,
        String description,
        String category,
        List<String> tags,
        boolean enabled,
        Map<String, Profile> profiles,
        int version,
        long revision,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {

    public Tool {
        tags = tags == null ? List.of() : List.copyOf(tags);
        profiles = profiles == null
                ? Map.of()
                : profiles instanceof StoredProfiles stored
                        ? stored
                        : java.util.Collections.unmodifiableMap(new TreeMap<>(profiles));
    }

    public Tool withContent(ToolDraft draft) {
        return new Tool(
                name,
                draft.description() != null ? draft.description() : description,
                draft.category() != null ? draft.category() : category,
                draft.tags() != null ? draft.tags() : tags,
                draft.enabled() != null ? draft.enabled() : enabled,
                draft.profiles() != null ? draft.profiles() : profiles,
                version,
                revision,
                createdAt,
                createdBy,
                updatedAt,
                updatedBy);
    }

    public Tool withEnabled(boolean value) {
        return new Tool(
                name,
                description,
                category,
                tags,
                value,
                profiles,
                version,
                revision,
                createdAt,
                createdBy,
                updatedAt,
                updatedBy);
    }

    public Tool stamped(int newVersion, long newRevision, Instant at, String by) {
        return new Tool(
                name,
                description,
                category,
                tags,
                enabled,
                profiles,
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
                && profiles.equals(other.profiles);
    }
}
