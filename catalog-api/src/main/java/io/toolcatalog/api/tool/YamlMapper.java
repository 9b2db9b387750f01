package io.toolcatalog.api.tool;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The application's Jackson settings (snake_case, unknown fields fail, strict types, duplicate keys
 * fail) over YAML, for import and export. YAML is read as plain data: anchors and aliases (which
 * Jackson would otherwise turn into the alias's name as a string) and tags other than YAML's own
 * are refused as the tokens are read (Jackson reads SnakeYAML's events, not its composed nodes, so
 * SnakeYAML's own alias and duplicate-key options do not apply; duplicates fail through Jackson's
 * duplicate detection), and SnakeYAML's input limit is raised to the body limit so a body the API
 * accepts is never cut short. Not an {@link ObjectMapper} bean, which would replace the JSON one.
 */
final class YamlMapper {

    static final List<MediaType> MEDIA_TYPES = List.of(
            MediaType.parseMediaType("application/yaml"),
            MediaType.parseMediaType("application/x-yaml"),
            MediaType.parseMediaType("text/yaml"));

    private static final String YAML_TAGS = "tag:yaml.org,2002:";

    private final ObjectMapper mapper;

    YamlMapper(Jackson2ObjectMapperBuilder builder, long maxBodyBytes) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, maxBodyBytes));
        this.mapper = builder.factory(
                        YAMLFactory.builder().loaderOptions(options).build())
                .build()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /** For writing (export). */
    ObjectMapper mapper() {
        return mapper;
    }

    /** Reads a body as plain YAML data: no anchors, aliases or custom tags. */
    <T> T read(byte[] body, Class<T> type) throws IOException {
        try (JsonParser parser = new PlainData(mapper.getFactory().createParser(body))) {
            return mapper.readValue(parser, type);
        }
    }

    static boolean isYaml(MediaType type) {
        return type != null && MEDIA_TYPES.stream().anyMatch(yaml -> yaml.equalsTypeAndSubtype(type));
    }

    /** Fails on the first token that is an alias, carries an anchor or has a tag of its own. */
    private static final class PlainData extends JsonParserDelegate {

        PlainData(JsonParser yaml) {
            super(yaml);
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken token = super.nextToken();
            YAMLParser yaml = (YAMLParser) delegate;
            if (yaml.isCurrentAlias()) {
                throw refused("aliases (*" + yaml.getText() + ") are not allowed");
            }
            if (yaml.getObjectId() != null) {
                throw refused("anchors (&" + yaml.getObjectId() + ") are not allowed");
            }
            String tag = yaml.getTypeId();
            if (tag != null && !tag.startsWith(YAML_TAGS)) {
                throw refused("tags (!" + tag + ") are not allowed");
            }
            return token;
        }

        private JsonParseException refused(String what) {
            return new JsonParseException(this, "YAML " + what);
        }
    }
}
