package io.toolcatalog.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolcatalog.core.tool.Profile;
import io.toolcatalog.core.tool.Tool;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The one way tests build a {@link Tool}: {@code Tools.tool("grep", 2, 5)} for a usual stored tool,
 * {@code Tools.named("grep").description("d").build()} for one with some fields of its own, {@code
 * Tools.from(tool).revision(9).build()} for a copy with some fields changed.
 */
public final class Tools {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private Tools() {}

    /** A usual tool at {@code version} and {@code revision}: one default profile, written by {@code test} at T0. */
    public static Tool tool(String name, int version, long revision) {
        return named(name).version(version).revision(revision).build();
    }

    /** A usual tool named {@code name} (version 1, revision 1) to change before {@link Builder#build}. */
    public static Builder named(String name) {
        return new Builder()
                .name(name)
                .description(name + " v1")
                .category("test")
                .tags(List.of("t"))
                .enabled(true)
                .profiles(Map.of("default", new Profile(1000, 1, 0.1, 0.2, 0.7, Map.of())))
                .version(1)
                .revision(1)
                .created(T0, "test")
                .updated(T0, "test");
    }

    /** {@code tool}'s every field, to change some before {@link Builder#build}. */
    public static Builder from(Tool tool) {
        return new Builder()
                .name(tool.name())
                .description(tool.description())
                .category(tool.category())
                .tags(tool.tags())
                .enabled(tool.enabled())
                .profiles(tool.profiles())
                .inputSchema(tool.inputSchema())
                .outputSchema(tool.outputSchema())
                .version(tool.version())
                .revision(tool.revision())
                .created(tool.createdAt(), tool.createdBy())
                .updated(tool.updatedAt(), tool.updatedBy());
    }

    /**
     * A tool being built; each setter replaces what was set before. What a caller writes goes through
     * a {@link ToolDrafts.Builder}, the stamps are the tool's own, and {@link #build} makes the tool
     * the way the model does ({@link Tool#created}, then {@link Tool#stamped}).
     */
    public static final class Builder {

        private final ToolDrafts.Builder content = ToolDrafts.patch();
        private int version;
        private long revision;
        private Instant createdAt;
        private String createdBy;
        private Instant updatedAt;
        private String updatedBy;

        private Builder() {}

        private Builder content(Consumer<ToolDrafts.Builder> change) {
            change.accept(content);
            return this;
        }

        public Builder name(String name) {
            return content(c -> c.name(name));
        }

        public Builder description(String description) {
            return content(c -> c.description(description));
        }

        public Builder category(String category) {
            return content(c -> c.category(category));
        }

        public Builder tags(List<String> tags) {
            return content(c -> c.tags(tags));
        }

        public Builder enabled(boolean enabled) {
            return content(c -> c.enabled(enabled));
        }

        public Builder profiles(Map<String, Profile> profiles) {
            return content(c -> c.profiles(profiles));
        }

        public Builder inputSchema(JsonNode inputSchema) {
            return content(c -> c.inputSchema(inputSchema));
        }

        public Builder outputSchema(JsonNode outputSchema) {
            return content(c -> c.outputSchema(outputSchema));
        }

        public Builder version(int version) {
            this.version = version;
            return this;
        }

        public Builder revision(long revision) {
            this.revision = revision;
            return this;
        }

        public Builder created(Instant at, String by) {
            this.createdAt = at;
            this.createdBy = by;
            return this;
        }

        public Builder updated(Instant at, String by) {
            this.updatedAt = at;
            this.updatedBy = by;
            return this;
        }

        public Tool build() {
            return Tool.created(content.build(), version, revision, createdAt, createdBy)
                    .stamped(version, revision, updatedAt, updatedBy);
        }
    }
}
