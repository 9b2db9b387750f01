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

    /** A usual tool named {@code name} (version 1, revision 1) to change before {@link ToolBuilder#build}. */
    public static ToolBuilder named(String name) {
        return new ToolBuilder()
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

    /** {@code tool}'s every field, to change some before {@link ToolBuilder#build}. */
    public static ToolBuilder from(Tool tool) {
        return new ToolBuilder()
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
     * a {@link ToolDrafts.DraftBuilder}, the stamps are the tool's own, and {@link #build} makes the tool
     * the way the model does ({@link Tool#created}, then {@link Tool#stamped}).
     */
    public static final class ToolBuilder {

        private final ToolDrafts.DraftBuilder content = ToolDrafts.patch();
        private int version;
        private long revision;
        private Instant createdAt;
        private String createdBy;
        private Instant updatedAt;
        private String updatedBy;

        private ToolBuilder() {}

        private ToolBuilder content(Consumer<ToolDrafts.DraftBuilder> change) {
            change.accept(content);
            return this;
        }

        public ToolBuilder name(String name) {
            return content(c -> c.name(name));
        }

        public ToolBuilder description(String description) {
            return content(c -> c.description(description));
        }

        public ToolBuilder category(String category) {
            return content(c -> c.category(category));
        }

        public ToolBuilder tags(List<String> tags) {
            return content(c -> c.tags(tags));
        }

        public ToolBuilder enabled(boolean enabled) {
            return content(c -> c.enabled(enabled));
        }

        public ToolBuilder profiles(Map<String, Profile> profiles) {
            return content(c -> c.profiles(profiles));
        }

        public ToolBuilder inputSchema(JsonNode inputSchema) {
            return content(c -> c.inputSchema(inputSchema));
        }

        public ToolBuilder outputSchema(JsonNode outputSchema) {
            return content(c -> c.outputSchema(outputSchema));
        }

        public ToolBuilder version(int version) {
            this.version = version;
            return this;
        }

        public ToolBuilder revision(long revision) {
            this.revision = revision;
            return this;
        }

        public ToolBuilder created(Instant at, String by) {
            this.createdAt = at;
            this.createdBy = by;
            return this;
        }

        public ToolBuilder updated(Instant at, String by) {
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
