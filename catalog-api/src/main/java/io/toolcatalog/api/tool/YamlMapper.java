package io.toolcatalog.api.tool;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * The application's Jackson settings (snake_case, unknown fields fail, no scalar coercion) over
 * YAML, for import and export. Not an {@link ObjectMapper} bean, which would replace the JSON one.
 */
final class YamlMapper {

    static final List<MediaType> MEDIA_TYPES = List.of(
            MediaType.parseMediaType("application/yaml"),
            MediaType.parseMediaType("application/x-yaml"),
            MediaType.parseMediaType("text/yaml"));

    private final ObjectMapper mapper;

    YamlMapper(Jackson2ObjectMapperBuilder builder) {
        this.mapper = builder.factory(new YAMLFactory()).build();
    }

    ObjectMapper mapper() {
        return mapper;
    }

    static boolean isYaml(MediaType type) {
        return type != null && MEDIA_TYPES.stream().anyMatch(yaml -> yaml.equalsTypeAndSubtype(type));
    }
}
