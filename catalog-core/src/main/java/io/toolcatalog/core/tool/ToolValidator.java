package io.toolcatalog.core.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.toolcatalog.core.error.InvalidToolException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks drafts against {@link CatalogLimits} before anything is written. Every failure names the
 * field, with the path a caller would use to find it ({@code tools[3].profiles.default.timeout_ms}).
 */
public final class ToolValidator {

    private final CatalogLimits limits;
    private final ToolJson json;
    private final JsonSchemas schemas = new JsonSchemas();
    private final SchemasInForce inForce;

    /** A validator that checks no profile schemas (tests, tools that never write). */
    public ToolValidator(CatalogLimits limits, ToolJson json) {
        this(limits, json, ProfileSchemas::none);
    }

    /** A validator that checks profiles against the schemas {@code inForce} reads. */
    public ToolValidator(CatalogLimits limits, ToolJson json, SchemasInForce inForce) {
        this.limits = limits;
        this.json = json;
        this.inForce = inForce;
    }

    /**
     * The profile schemas in force now. Read inside a write's transaction, after the revision row
     * lock, they are those of the write's own revision: schema changes take the same lock.
     */
    public ProfileSchemas schemasInForce() {
        return inForce.current();
    }

    /** The tool as it will be written, against the profile schemas in force (see {@link #schemasInForce}). */
    public void checkSchemas(String prefix, Tool tool) {
        inForce.current().check(prefix, tool, json);
    }

    /** The same, against {@code schemas} read once for many tools (an import). */
    public void checkSchemas(String prefix, Tool tool, ProfileSchemas schemas) {
        schemas.check(prefix, tool, json);
    }

    /** A JSON Schema document a caller gives: within the size limit and valid against the meta-schema. */
    public void checkSchemaDocument(String field, JsonNode document) {
        if (document == null || document.isNull()) {
            return;
        }
        long size = json.writeDocument(document).length();
        if (size > limits.maxSchemaSize().toBytes()) {
            throw InvalidToolException.field(
                    field,
                    "is " + size + " bytes, more than " + limits.maxSchemaSize().toBytes());
        }
        schemas.checkDocument(field, document);
    }

    public JsonSchemas jsonSchemas() {
        return schemas;
    }

    public ToolJson json() {
        return json;
    }

    public CatalogLimits limits() {
        return limits;
    }

    /** A name as given in a path or body: must match the pattern and not be reserved. */
    public String checkName(String field, String name) {
        if (name == null || name.isEmpty()) {
            throw InvalidToolException.field(field, "is required");
        }
        if (!limits.namePattern().matcher(name).matches()) {
            throw InvalidToolException.field(
                    field,
                    "'" + abbreviate(name) + "' does not match "
                            + limits.namePattern().pattern());
        }
        if (limits.reservedNames().contains(name)) {
            throw InvalidToolException.field(field, "'" + name + "' is reserved");
        }
        return name;
    }

    /** A whole tool (create, import): name and description are required. */
    public void checkNew(String prefix, ToolDraft draft) {
        throwFirst(newProblems(prefix, draft));
    }

    /** Every problem of a whole tool, in the order {@link #checkNew} would find the first. */
    public List<InvalidToolException> newProblems(String prefix, ToolDraft draft) {
        List<InvalidToolException> problems = new ArrayList<>();
        collect(problems, () -> checkName(prefix + "name", draft.name()));
        if (draft.description() == null) {
            problems.add(InvalidToolException.field(prefix + "description", "is required"));
        }
        problems.addAll(contentProblems(prefix, draft));
        return problems;
    }

    /** A caller's own label ({@code triggered_by}, {@code created_by}, {@code updated_by}); null is fine. */
    public void checkActor(String field, String value) {
        checkLength(field, value, limits.maxActorLength());
    }

    /** A caller's {@code reason}; null is fine. */
    public void checkReason(String reason) {
        checkLength("reason", reason, limits.maxReasonLength());
    }

    /** The actor of a change from its caller's {@code triggered_by} and {@code reason}, both checked. */
    public Actor actor(String principal, String triggeredBy, String reason) {
        checkActor("triggered_by", triggeredBy);
        checkReason(reason);
        return new Actor(principal, triggeredBy, reason);
    }

    private static void checkLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw InvalidToolException.field(field, "is longer than " + max + " characters");
        }
    }

    /** Whatever fields a partial update carries. */
    public void checkContent(String prefix, ToolDraft draft) {
        throwFirst(contentProblems(prefix, draft));
    }

    /**
     * Every problem of the fields a draft carries (each field out of range, each profile, each
     * schema document), in the order {@link #checkContent} would find the first: the same rules,
     * collected instead of stopping at the first.
     */
    public List<InvalidToolException> contentProblems(String prefix, ToolDraft draft) {
        List<InvalidToolException> problems = new ArrayList<>();
        if (draft.description() != null && draft.description().length() > limits.maxDescriptionLength()) {
            problems.add(InvalidToolException.field(
                    prefix + "description", "is longer than " + limits.maxDescriptionLength() + " characters"));
        }
        if (draft.category() != null && draft.category().length() > limits.maxCategoryLength()) {
            problems.add(InvalidToolException.field(
                    prefix + "category", "is longer than " + limits.maxCategoryLength() + " characters"));
        }
        collect(problems, () -> checkActor(prefix + "updated_by", draft.author()));
        collect(problems, () -> checkTags(prefix, draft.tags()));
        checkProfiles(prefix, draft.profiles(), problems);
        collect(problems, () -> checkSchemaDocument(prefix + "input_schema", draft.inputSchema()));
        collect(problems, () -> checkSchemaDocument(prefix + "output_schema", draft.outputSchema()));
        return problems;
    }

    private static void collect(List<InvalidToolException> problems, Runnable check) {
        try {
            check.run();
        } catch (InvalidToolException e) {
            problems.add(e);
        }
    }

    private static void throwFirst(List<InvalidToolException> problems) {
        if (!problems.isEmpty()) {
            throw problems.get(0);
        }
    }

    /** An import: size, names unique, every tool valid. */
    public void checkImport(List<ToolDraft> drafts) {
        if (drafts == null) {
            throw InvalidToolException.field("tools", "is required");
        }
        if (drafts.size() > limits.maxImportTools()) {
            throw InvalidToolException.field(
                    "tools", drafts.size() + " tools, more than the limit of " + limits.maxImportTools());
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < drafts.size(); i++) {
            String prefix = "tools[" + i + "].";
            ToolDraft draft = drafts.get(i);
            if (draft == null) {
                throw InvalidToolException.field("tools[" + i + "]", "is null");
            }
            checkNew(prefix, draft);
            if (!seen.add(draft.name())) {
                throw InvalidToolException.field(prefix + "name", "'" + draft.name() + "' appears more than once");
            }
        }
    }

    private void checkTags(String prefix, List<String> tags) {
        if (tags == null) {
            return;
        }
        if (tags.size() > limits.maxTags()) {
            throw InvalidToolException.field(prefix + "tags", "more than " + limits.maxTags() + " tags");
        }
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i);
            if (tag == null || tag.isBlank() || tag.length() > limits.maxTagLength()) {
                throw InvalidToolException.field(
                        prefix + "tags[" + i + "]", "must be 1 to " + limits.maxTagLength() + " characters");
            }
        }
    }

    private void checkProfiles(String prefix, Map<String, Profile> profiles, List<InvalidToolException> problems) {
        if (profiles == null) {
            return;
        }
        if (profiles.size() > limits.maxProfiles()) {
            problems.add(
                    InvalidToolException.field(prefix + "profiles", "more than " + limits.maxProfiles() + " profiles"));
            return;
        }
        for (Map.Entry<String, Profile> entry : profiles.entrySet()) {
            String field = prefix + "profiles." + entry.getKey();
            if (!limits.namePattern().matcher(entry.getKey()).matches()) {
                problems.add(InvalidToolException.field(
                        field,
                        "profile name does not match " + limits.namePattern().pattern()));
            } else if (entry.getValue() == null) {
                problems.add(InvalidToolException.field(field, "is null"));
            } else {
                checkProfile(field, entry.getValue(), problems);
            }
        }
    }

    private void checkProfile(String field, Profile profile, List<InvalidToolException> problems) {
        if (profile.timeoutMs() != null && (profile.timeoutMs() < 1 || profile.timeoutMs() > 3_600_000)) {
            problems.add(InvalidToolException.field(field + ".timeout_ms", "must be between 1 and 3600000"));
        }
        if (profile.maxRetries() != null && (profile.maxRetries() < 0 || profile.maxRetries() > 100)) {
            problems.add(InvalidToolException.field(field + ".max_retries", "must be between 0 and 100"));
        }
        collect(problems, () -> checkWeight(field + ".cost_weight", profile.costWeight()));
        collect(problems, () -> checkWeight(field + ".latency_weight", profile.latencyWeight()));
        collect(problems, () -> checkWeight(field + ".quality_weight", profile.qualityWeight()));
        collect(problems, () -> checkProfileSize(field, profile));
    }

    private void checkProfileSize(String field, Profile profile) {
        long size;
        try {
            size = json.write(profile).length();
        } catch (JsonProcessingException e) {
            throw InvalidToolException.field(field, "cannot be written as JSON: " + e.getOriginalMessage());
        }
        if (size > limits.maxProfileSize().toBytes()) {
            throw InvalidToolException.field(
                    field,
                    "is " + size + " bytes, more than "
                            + limits.maxProfileSize().toBytes());
        }
    }

    private static void checkWeight(String field, Double weight) {
        if (weight != null && (weight.isNaN() || weight < 0 || weight > 1)) {
            throw InvalidToolException.field(field, "must be between 0 and 1");
        }
    }

    private static String abbreviate(String value) {
        return value.length() <= 70 ? value : value.substring(0, 70) + "…";
    }
}
