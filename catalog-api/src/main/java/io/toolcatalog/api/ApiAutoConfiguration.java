package io.toolcatalog.api;

import io.toolcatalog.api.changerequest.ChangeRequestApiConfiguration;
import io.toolcatalog.api.cluster.ClusterApiConfiguration;
import io.toolcatalog.api.console.ConsoleConfiguration;
import io.toolcatalog.api.error.ErrorConfiguration;
import io.toolcatalog.api.mcp.McpConfiguration;
import io.toolcatalog.api.openapi.OpenApiConfiguration;
import io.toolcatalog.api.profile.ProfilesConfiguration;
import io.toolcatalog.api.reload.ReloadApiConfiguration;
import io.toolcatalog.api.rollout.RolloutApiConfiguration;
import io.toolcatalog.api.schema.SchemaApiConfiguration;
import io.toolcatalog.api.security.SecurityConfiguration;
import io.toolcatalog.api.tool.ToolApiConfiguration;
import io.toolcatalog.api.view.ViewConfiguration;
import io.toolcatalog.api.watch.WatchConfiguration;
import io.toolcatalog.api.web.WebConfiguration;
import io.toolcatalog.api.webhook.WebhookConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The HTTP API of a catalog node (docs/ARCHITECTURE.md, Modules). An auto-configuration, so the node gets the API
 * by having this module on its class path; each feature package contributes one configuration,
 * and everything inside a package stays package-private. It needs the core's beans
 * ({@code AppliedCatalog}, {@code CatalogEditor}, …), which the node's own configuration declares.
 */
@AutoConfiguration(after = JacksonAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import({
    ErrorConfiguration.class,
    WebConfiguration.class,
    ViewConfiguration.class,
    SecurityConfiguration.class,
    ToolApiConfiguration.class,
    ChangeRequestApiConfiguration.class,
    RolloutApiConfiguration.class,
    ProfilesConfiguration.class,
    SchemaApiConfiguration.class,
    ReloadApiConfiguration.class,
    WebhookConfiguration.class,
    ClusterApiConfiguration.class,
    WatchConfiguration.class,
    McpConfiguration.class,
    OpenApiConfiguration.class,
    ConsoleConfiguration.class
})
public class ApiAutoConfiguration {}
