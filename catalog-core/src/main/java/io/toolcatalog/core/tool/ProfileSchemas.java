package io.toolcatalog.core.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import io.toolcatalog.core.error.SchemaViolation;
import io.toolcatalog.core.error.SchemaViolationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The profile schemas of one revision, compiled once: a JSON Schema per profile name. A profile
 * whose name has no schema is not checked. {@code revision} is the revision of the last schema
 * change (0 when there never was one): two sets with the same revision hold the same schemas.
 */
public final class ProfileSchemas {

    private static final ProfileSchemas NONE = new ProfileSchemas(0, Map.of(), Map.of());

    private final long revision;
    private final Map<String, JsonNode> documents;
    private final Map<String, Schema> compiled;

    private ProfileSchemas(long revision, Map<String, JsonNode> documents, Map<String, Schema> compiled) {
        this.revision = revision;
        this.documents = documents;
        this.compiled = compiled;
    }

    public static ProfileSchemas none() {
        return NONE;
    }

    /** Compiles {@code documents} (already checked against the meta-schema when they were set). */
    public static ProfileSchemas compile(long revision, Map<String, JsonNode> documents, JsonSchemas schemas) {
        Map<String, JsonNode> docs = new TreeMap<>(documents);
        Map<String, Schema> compiled = new TreeMap<>();
        docs.forEach((name, doc) -> compiled.put(name, schemas.compile("schemas.profiles." + name, doc)));
        return new ProfileSchemas(revision, Collections.unmodifiableMap(docs), Collections.unmodifiableMap(compiled));
    }

    public long revision() {
        return revision;
    }

    /** Every schema document by profile name, in name order. */
    public Map<String, JsonNode> documents() {
        return documents;
    }

    public boolean isEmpty() {
        return documents.isEmpty();
    }

    /** These schemas with {@code name} set to {@code document} ({@code null}: removed), at {@code atRevision}. */
    public ProfileSchemas with(String name, JsonNode document, long atRevision, JsonSchemas schemas) {
        Map<String, JsonNode> docs = new TreeMap<>(documents);
        if (document == null) {
            docs.remove(name);
        } else {
            docs.put(name, document);
        }
        return compile(atRevision, docs, schemas);
    }

    /**
     * Throws {@link SchemaViolationException} naming the first field of {@code tool}'s profiles
     * that breaks its schema ({@code prefix + "profiles.stage_b.timeout_ms"}).
     */
    public void check(String prefix, Tool tool, ToolJson json) {
        if (compiled.isEmpty()) {
            return;
        }
        SchemaViolation violation = firstViolation(prefix, tool, json);
        if (violation != null) {
            throw SchemaViolationException.field(violation.field(), violation.message());
        }
    }

    /** The first profile of {@code tool} that breaks its schema, or null. */
    public SchemaViolation firstViolation(String prefix, Tool tool, ToolJson json) {
        List<SchemaViolation> found = violationsOf(prefix, tool, json, 1);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Every field of every profile of {@code tool} that breaks its schema, in profile order. */
    public List<SchemaViolation> allViolations(String prefix, Tool tool, ToolJson json) {
        return violationsOf(prefix, tool, json, Integer.MAX_VALUE);
    }

    private List<SchemaViolation> violationsOf(String prefix, Tool tool, ToolJson json, int limit) {
        List<SchemaViolation> found = new ArrayList<>();
        for (Map.Entry<String, Profile> profile : tool.profiles().entrySet()) {
            Schema schema = compiled.get(profile.getKey());
            if (schema == null) {
                continue;
            }
            for (Error error : schema.validate(json.tree(profile.getValue()))) {
                if (found.size() >= limit) {
                    return found;
                }
                String field = prefix + "profiles." + profile.getKey() + JsonSchemas.suffix(error);
                found.add(new SchemaViolation(tool.name(), field, error.getMessage()));
            }
        }
        return found;
    }

    /** The tools among {@code tools} that break these schemas, each with its first violation. */
    public List<SchemaViolation> violations(Collection<Tool> tools, ToolJson json) {
        List<SchemaViolation> found = new ArrayList<>();
        if (compiled.isEmpty()) {
            return found;
        }
        for (Tool tool : tools) {
            SchemaViolation violation = firstViolation("", tool, json);
            if (violation != null) {
                found.add(violation);
            }
        }
        found.sort(Comparator.comparing(SchemaViolation::tool));
        return found;
    }
}
