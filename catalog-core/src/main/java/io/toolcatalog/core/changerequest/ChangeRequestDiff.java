package io.toolcatalog.core.changerequest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.toolcatalog.core.store.ToolStore;
import io.toolcatalog.core.store.ToolVersionStore;
import io.toolcatalog.core.tool.InputSchemaChange;
import io.toolcatalog.core.tool.Profile;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.tool.ToolJson;
import io.toolcatalog.core.tool.ToolVersion;
import io.toolcatalog.core.write.StagedEdit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a change request would change, field by field, against the catalog as it is now: per tool
 * the fields that differ ({@code profiles.stage_b.timeout_ms}, {@code profiles.default.parameters.flags}),
 * the version each item was staged against and the version now; tools whose version moved since
 * are {@code conflicts} (publishing would answer 409 until the request is rebased), and for each
 * of them {@code changedSinceBase}: what someone else changed meanwhile, field by field, between the
 * version the author saw (read from {@code tool_versions}) and the tool now.
 */
public final class ChangeRequestDiff {

    /** One field that differs; null is "absent". */
    public record FieldChange(String path, Object before, Object after) {}

    /** One tool's change; {@code changedSinceBase} only when its version moved since it was staged. */
    public record ToolDiff(
            String name,
            String action,
            boolean breaking,
            Integer baseVersion,
            Integer currentVersion,
            List<FieldChange> fields,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<FieldChange> changedSinceBase) {}

    public record Diff(List<ToolDiff> tools, List<String> conflicts) {}

    /**
     * The fields of a tool's JSON form a user does not write (profiles are flattened apart): every
     * other field is in the diff, so a field added to {@link Tool} is too.
     */
    private static final Set<String> NOT_WRITTEN =
            Set.of("name", "profiles", "version", "revision", "created_at", "created_by", "updated_at", "updated_by");

    private static final ToolJson JSON = new ToolJson();
    private static final ObjectMapper TREES = new ObjectMapper();

    private final ToolStore tools;
    private final ToolVersionStore versions;

    public ChangeRequestDiff(ToolStore tools, ToolVersionStore versions) {
        this.tools = tools;
        this.versions = versions;
    }

    public Diff of(ChangeRequest request) {
        Map<String, Tool> now = tools
                .findNamed(request.items().stream().map(StagedEdit::name).toList())
                .stream()
                .collect(Collectors.toMap(Tool::name, Function.identity()));
        Map<String, Integer> movedBases = new LinkedHashMap<>();
        for (StagedEdit item : request.items()) {
            Tool current = now.get(item.name());
            if (item.baseVersion() != null && !Objects.equals(item.baseVersion(), versionOf(current))) {
                movedBases.put(item.name(), item.baseVersion());
            }
        }
        Map<String, ToolVersion> bases = movedBases.isEmpty() ? Map.of() : versions.exact(movedBases);
        List<ToolDiff> diffs = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        for (StagedEdit item : request.items()) {
            Tool current = now.get(item.name());
            Integer currentVersion = versionOf(current);
            List<FieldChange> sinceBase = null;
            if (!Objects.equals(item.baseVersion(), currentVersion)) {
                conflicts.add(item.name());
                sinceBase = fields(flatten(asSeen(bases.get(item.name()))), flatten(current));
            }
            Tool after = after(item, current);
            diffs.add(new ToolDiff(
                    item.name(),
                    item.action().value(),
                    current != null
                            && after != null
                            && InputSchemaChange.isBreaking(current.inputSchema(), after.inputSchema()),
                    item.baseVersion(),
                    currentVersion,
                    fields(flatten(current), flatten(after)),
                    sinceBase));
        }
        return new Diff(diffs, conflicts);
    }

    private static Integer versionOf(Tool tool) {
        return tool == null ? null : tool.version();
    }

    /** The tool as its base version left it; null if there was none or it was a deletion. */
    private static Tool asSeen(ToolVersion base) {
        return base == null || "delete".equals(base.operation()) ? null : base.document();
    }

    /** Whether publishing {@code request} now would narrow some tool's input schema. */
    public boolean breaking(ChangeRequest request) {
        return of(request).tools().stream().anyMatch(ToolDiff::breaking);
    }

    /** The tool as publishing the item would leave it (null: deleted). */
    static Tool after(StagedEdit item, Tool current) {
        return switch (item.action()) {
            case DELETE -> null;
            case ENABLE -> current == null ? null : current.withEnabled(true);
            case DISABLE -> current == null ? null : current.withEnabled(false);
            case UPSERT ->
                current != null
                        ? current.withContent(item.draft())
                        : Tool.created(item.draft().named(item.name()).withDefaults(), 1, 0, Instant.EPOCH, "");
        };
    }

    private static List<FieldChange> fields(Map<String, Object> before, Map<String, Object> after) {
        TreeSet<String> paths = new TreeSet<>(before.keySet());
        paths.addAll(after.keySet());
        List<FieldChange> changes = new ArrayList<>();
        for (String path : paths) {
            Object was = before.get(path);
            Object will = after.get(path);
            if (!Objects.equals(was, will)) {
                changes.add(new FieldChange(path, was, will));
            }
        }
        return changes;
    }

    /** A field's value as the diff shows it: a document (a schema) as JSON, the rest as plain values. */
    private static Object value(JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        return node.isObject() ? node : TREES.convertValue(node, Object.class);
    }

    /** Every user-written field of {@code tool} by path; profiles per stage and per parameter. */
    static Map<String, Object> flatten(Tool tool) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (tool == null) {
            return fields;
        }
        JSON.treeWithoutProfiles(tool).fields().forEachRemaining(field -> {
            if (!NOT_WRITTEN.contains(field.getKey())) {
                fields.put(field.getKey(), value(field.getValue()));
            }
        });
        for (Map.Entry<String, Profile> entry : tool.profiles().entrySet()) {
            String prefix = "profiles." + entry.getKey() + ".";
            Profile profile = entry.getValue();
            fields.put(prefix + "timeout_ms", profile.timeoutMs());
            fields.put(prefix + "max_retries", profile.maxRetries());
            fields.put(prefix + "cost_weight", profile.costWeight());
            fields.put(prefix + "latency_weight", profile.latencyWeight());
            fields.put(prefix + "quality_weight", profile.qualityWeight());
            if (profile.parameters() != null) {
                profile.parameters().forEach((key, value) -> fields.put(prefix + "parameters." + key, value));
            }
        }
        fields.values().removeIf(Objects::isNull);
        return fields;
    }
}
