package io.toolcatalog.core.tool;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.NullSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** How tools and profiles are written to the {@code jsonb} columns: snake_case, like the API. */
public final class ToolJson {

    private static final TypeReference<Map<String, Profile>> PROFILES = new TypeReference<>() {};

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * The same mapper, but a tool's profiles are a {@code null} placeholder when written and ignored
     * when read: for a form that keeps them as their stored text ({@link #treeWithoutProfiles}).
     */
    private final ObjectMapper withoutProfiles = mapper.copy().addMixIn(Tool.class, ProfilesLeftOut.class);

    /**
     * The same mapper, but profiles read from the database ({@link StoredProfiles}) are written as the
     * text it returned, unparsed: a tool as a {@code jsonb} document ({@link #writeTool}).
     */
    private final ObjectMapper documents =
            mapper.copy().registerModule(new SimpleModule("stored-profiles").addSerializer(new StoredProfilesAsText()));

    /** The fields of a tool's JSON form, by name: one per component of {@link Tool}. */
    private static final Set<String> TOOL_FIELDS = Arrays.stream(Tool.class.getRecordComponents())
            .map(c -> new PropertyNamingStrategies.SnakeCaseStrategy().translate(c.getName()))
            .collect(Collectors.toUnmodifiableSet());

    /** Built once: resolving the profiles' generic type on every read was 8 % of a full reload that parsed. */
    private final ObjectReader profilesReader = mapper.readerFor(PROFILES);

    public String write(Object value) throws JsonProcessingException {
        return mapper.writeValueAsString(value);
    }

    /**
     * Profiles as the {@code jsonb} column holds them: the database's own text when they were read
     * from it (or carried from a node that read them), else written now.
     */
    public String writeProfiles(Map<String, Profile> profiles) {
        if (profiles instanceof StoredProfiles stored) {
            return stored.json();
        }
        try {
            return mapper.writeValueAsString(profiles);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("profiles cannot be written", e);
        }
    }

    /**
     * Profiles from their stored text, parsed when first read ({@link Tool#requireReadable} parses
     * them at once): what a row read from the database holds, for rows that arrive another way.
     */
    public Map<String, Profile> storedProfiles(String json) {
        return new StoredProfiles(json, this);
    }

    Map<String, Profile> readProfiles(String json) {
        try {
            return profilesReader.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored profiles cannot be read", e);
        }
    }

    /** {@code value} as a JSON tree, snake_case: what a schema validates. */
    public JsonNode tree(Object value) {
        return mapper.valueToTree(value);
    }

    /** A JSON document (a schema) as text for a {@code jsonb} column; null stays null. */
    public String writeDocument(JsonNode document) {
        if (document == null || document.isNull()) {
            return null;
        }
        try {
            return mapper.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("document cannot be written", e);
        }
    }

    /** A document from a {@code jsonb} column's text; null stays null. */
    public JsonNode readDocument(String json) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored document cannot be read", e);
        }
    }

    /**
     * {@code tool} as a {@code jsonb} document (a version, a rollout's candidate). Profiles read from
     * the database are written as the text it returned ({@link #writeProfiles}): the document's
     * profiles are then the row's, and writing a row just read, as every write's version is, parses
     * nothing (parsing them only to write them again was most of a version's cost on a write).
     */
    public String writeTool(Tool tool) {
        try {
            return documents.writeValueAsString(tool);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("tool cannot be written", e);
        }
    }

    /**
     * {@code tool} as a JSON tree in its own form ({@link #writeTool}), except that {@code profiles}
     * is a {@code null} placeholder, in its place, for the caller to replace: the profiles are not
     * parsed or written here.
     */
    public ObjectNode treeWithoutProfiles(Tool tool) {
        return withoutProfiles.valueToTree(tool);
    }

    /**
     * A tool from its JSON form, its {@code profiles} ignored (the tool has none): the reverse of
     * {@link #treeWithoutProfiles}. Throws {@link IllegalArgumentException} when a field cannot be
     * read (its cause, a {@code JsonMappingException}, has the path) or the tool cannot be built.
     */
    public Tool readTreeWithoutProfiles(ObjectNode tree) {
        try {
            return withoutProfiles.treeToValue(tree, Tool.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the tool cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    /** The names of the fields a tool's JSON form has ({@link #writeTool}). */
    public Set<String> toolFields() {
        return TOOL_FIELDS;
    }

    public Tool readTool(String json) {
        try {
            return mapper.readValue(json, Tool.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored tool cannot be read", e);
        }
    }

    /** Stored profiles as their stored text (a JSON object), for {@link #documents}. */
    private static final class StoredProfilesAsText extends StdSerializer<StoredProfiles> {

        StoredProfilesAsText() {
            super(StoredProfiles.class);
        }

        @Override
        public void serialize(StoredProfiles profiles, JsonGenerator generator, SerializerProvider provider)
                throws IOException {
            generator.writeRawValue(profiles.json());
        }
    }

    /** What {@link #withoutProfiles} does to a tool: profiles written as a placeholder, never read. */
    @JsonIgnoreProperties(value = "profiles", allowGetters = true)
    private abstract static class ProfilesLeftOut {

        @JsonSerialize(using = NullSerializer.class)
        abstract Map<String, Profile> profiles();
    }
}
