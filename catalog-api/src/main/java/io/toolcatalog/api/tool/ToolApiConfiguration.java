package io.toolcatalog.api.tool;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.toolcatalog.core.tool.CatalogLimits;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/** The {@code /api/v1/tools} endpoints: single tools, import and export, versions and rollback; and revert. */
@Configuration(proxyBeanMethods = false)
@Import({ToolController.class, ToolTransferController.class, ToolVersionController.class, RevertController.class})
public class ToolApiConfiguration {

    @Bean
    ImportBodies importBodies(ObjectMapper mapper, YamlMapper catalogYamlMapper) {
        return new ImportBodies(mapper, catalogYamlMapper);
    }

    @Bean
    RenderedTools renderedTools(ObjectMapper mapper) {
        return new RenderedTools(mapper);
    }

    @Bean
    RenderedExport renderedExport(ObjectMapper mapper, YamlMapper catalogYamlMapper, Clock clock) {
        return new RenderedExport(mapper, catalogYamlMapper.mapper(), clock);
    }

    @Bean
    YamlMapper catalogYamlMapper(Jackson2ObjectMapperBuilder builder, CatalogLimits limits) {
        return new YamlMapper(builder, limits.maxBodySize().toBytes());
    }
}
