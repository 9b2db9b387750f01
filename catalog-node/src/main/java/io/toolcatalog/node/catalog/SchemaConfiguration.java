package io.toolcatalog.node.catalog;

import io.toolcatalog.core.cluster.NodeIdentity;
import io.toolcatalog.core.cluster.ReloadBroadcaster;
import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.reload.ChangePropagation;
import io.toolcatalog.core.store.ChangeLog;
import io.toolcatalog.core.store.ProfileSchemaStore;
import io.toolcatalog.core.store.ToolStore;
import io.toolcatalog.core.tool.ToolValidator;
import io.toolcatalog.core.write.SchemaEditor;
import io.toolcatalog.core.write.WriteTransactions;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Profile schemas: their editor, writing through the same write engine as every tool change. */
@Configuration(proxyBeanMethods = false)
class SchemaConfiguration {

    @Bean
    SchemaEditor schemaEditor(
            WriteTransactions writes,
            ToolStore tools,
            JdbcTemplate jdbc,
            ChangeLog changes,
            ToolValidator validator,
            CatalogReloader reloader,
            ReloadBroadcaster broadcaster,
            NodeIdentity node,
            Clock clock) {
        return new SchemaEditor(
                writes,
                tools,
                new ProfileSchemaStore(jdbc, validator.json(), validator.jsonSchemas()),
                changes,
                validator,
                new ChangePropagation(broadcaster, reloader),
                node.nodeId(),
                clock);
    }
}
