package io.toolcatalog.node.catalog;

import io.toolcatalog.core.store.ToolStore;
import io.toolcatalog.core.tool.ToolValidator;
import io.toolcatalog.core.write.Commits;
import io.toolcatalog.core.write.SchemaEditor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Profile schemas: their editor, committing and announcing through the node's one {@link Commits}. */
@Configuration(proxyBeanMethods = false)
class SchemaConfiguration {

    @Bean
    SchemaEditor schemaEditor(Commits commits, ToolStore tools, JdbcTemplate jdbc, ToolValidator validator) {
        return new SchemaEditor(commits, tools, jdbc, validator);
    }
}
