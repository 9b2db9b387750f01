package io.toolcatalog.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolcatalog.core.tool.Profile;
import io.toolcatalog.core.tool.ToolDraft;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one way tests build a {@link ToolDraft}: {@code ToolDrafts.tool("grep", "Search text").build()}
 * for a whole usual tool, {@code ToolDrafts.named("grep").description("d").build()} for only some
 * fields, {@code ToolDrafts.patch().description("v2").build()} for an update. A field not set stays
 * {@code null} (on update: left as it is).
 */
public final class ToolDrafts {

    /** The profile a usual tool has, as {@code default}. */
    public static final Profile USUAL_PROFILE = new Profile(5000, 2, 0.2, 0.5, 0.3, Map.of("flags", "-n"));

    private ToolDrafts() {}

    /** A usual whole tool: category {@code search}, tag {@code text}, enabled, {@link #USUAL_PROFILE} as default. */
    public static DraftBuilder tool(String name, String description) {
        return named(name)
                .description(description)
                .category("search")
                .tags("text")
                .enabled(true)
                .profile("default", USUAL_PROFILE);
    }

    /** A plain whole tool: category {@code search}, no tags, enabled, no profiles. */
    public static DraftBuilder plain(String name, String description) {
        return named(name)
                .description(description)
                .category("search")
                .tags()
                .enabled(true)
                .profiles(Map.of());
    }

    /** Only the name set. */
    public static DraftBuilder named(String name) {
        return new DraftBuilder().name(name);
    }

    /** Nothing set: an update that changes what is then set. */
    public static DraftBuilder patch() {
        return new DraftBuilder();
    }

    /** A draft being built; each setter replaces what was set before. */
    public static final class DraftBuilder {

        private String name;
        private String description;
        private String category;
        private List<String> tags;
        private Boolean enabled;
        private Map<String, Profile> profiles;
        private JsonNode inputSchema;
        private JsonNode outputSchema;
        private String author;

        private DraftBuilder() {}

        public DraftBuilder name(String name) {
            this.name = name;
            return this;
        }

        public DraftBuilder description(String description) {
            this.description = description;
            return this;
        }

        public DraftBuilder category(String category) {
            this.category = category;
            return this;
        }

        public DraftBuilder tags(String... tags) {
            return tags(List.of(tags));
        }

        public DraftBuilder tags(List<String> tags) {
            this.tags = tags;
            return this;
        }

        public DraftBuilder enabled(Boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /** Adds (or replaces) one profile. */
        public DraftBuilder profile(String profileName, Profile profile) {
            Map<String, Profile> more = new LinkedHashMap<>(profiles == null ? Map.of() : profiles);
            more.put(profileName, profile);
            this.profiles = Collections.unmodifiableMap(more);
            return this;
        }

        /** All profiles at once ({@code Map.of()} for none, {@code null} for not given). */
        public DraftBuilder profiles(Map<String, Profile> profiles) {
            this.profiles = profiles;
            return this;
        }

        /** The tool's input schema ({@code NullNode} removes it on update). */
        public DraftBuilder inputSchema(JsonNode inputSchema) {
            this.inputSchema = inputSchema;
            return this;
        }

        public DraftBuilder outputSchema(JsonNode outputSchema) {
            this.outputSchema = outputSchema;
            return this;
        }

        public DraftBuilder author(String author) {
            this.author = author;
            return this;
        }

        public ToolDraft build() {
            return new ToolDraft(
                    name, description, category, tags, enabled, profiles, inputSchema, outputSchema, author);
        }
    }
}
