package io.toolcatalog.api.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapperSupplier;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.toolcatalog.api.web.WebConfiguration;
import io.toolcatalog.core.concurrent.Scheduler;
import io.toolcatalog.core.concurrent.Threads;
import io.toolcatalog.core.reload.AppliedCatalog;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code /mcp}: the catalog as an MCP server (Streamable HTTP), on the official MCP Java SDK's
 * servlet transport. Its JSON goes through a mapper of its own (the SDK's Jackson 2 defaults), not
 * the API's snake_case one. Off with {@code catalog.mcp.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(McpProperties.class)
@ConditionalOnProperty(name = "catalog.mcp.enabled", havingValue = "true", matchIfMissing = true)
public class McpConfiguration {

    /** After the token check ({@link WebConfiguration#MCP_SECURITY_ORDER}), before the transport. */
    private static final int ADMISSION_ORDER = WebConfiguration.MCP_SECURITY_ORDER + 1;

    @Bean
    McpSessions mcpSessions(McpProperties settings) {
        return new McpSessions(settings.maxSessions(), settings.sessionIdleTimeout(), Clock.systemUTC());
    }

    @Bean
    McpJsonMapper mcpJson() {
        return new JacksonMcpJsonMapperSupplier().get();
    }

    /** Needs no catalog: the reload handler below needs it, and the reloader is built with every handler. */
    @Bean
    HttpServletStreamableServerTransportProvider mcpTransport(McpProperties settings, McpJsonMapper mcpJson) {
        return HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(mcpJson)
                .mcpEndpoint(WebConfiguration.MCP_PATH)
                .contextExtractor(McpConsumers::extract)
                .keepAliveInterval(settings.keepAlive().isZero() ? null : settings.keepAlive())
                .sessionSweepInterval(settings.sessionIdleTimeout())
                .build();
    }

    /** What the transport's sessions answer, from the applied catalog; set on the transport here. */
    @Bean
    CatalogMcpSessions mcpSessionFactory(
            HttpServletStreamableServerTransportProvider mcpTransport,
            McpJsonMapper mcpJson,
            McpProperties settings,
            AppliedCatalog catalog,
            McpSessions mcpSessions) {
        String version = McpConfiguration.class.getPackage().getImplementationVersion();
        CatalogMcpSessions factory = new CatalogMcpSessions(
                catalog,
                new McpToolList(settings.pageSize()),
                mcpSessions,
                mcpJson,
                mcpTransport.protocolVersions(),
                version == null ? "dev" : version);
        mcpTransport.setSessionFactory(factory);
        return factory;
    }

    @Bean
    ServletRegistrationBean<HttpServletStreamableServerTransportProvider> mcpServlet(
            HttpServletStreamableServerTransportProvider mcpTransport, CatalogMcpSessions mcpSessionFactory) {
        ServletRegistrationBean<HttpServletStreamableServerTransportProvider> registration =
                new ServletRegistrationBean<>(mcpTransport, WebConfiguration.MCP_PATH);
        registration.setName("mcp");
        registration.setAsyncSupported(true);
        return registration;
    }

    @Bean
    FilterRegistrationBean<McpAdmissionFilter> mcpAdmissionFilter(
            AppliedCatalog catalog, McpSessions mcpSessions, McpProperties settings) {
        FilterRegistrationBean<McpAdmissionFilter> registration = new FilterRegistrationBean<>(new McpAdmissionFilter(
                catalog, mcpSessions, settings.retryAfter().toSeconds()));
        registration.addUrlPatterns(WebConfiguration.MCP_PATH);
        registration.setOrder(ADMISSION_ORDER);
        registration.setAsyncSupported(true);
        return registration;
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService mcpTimer() {
        return Executors.newSingleThreadScheduledExecutor(Threads.named("catalog-mcp-notify", true));
    }

    /** A reload handler: it must not need the reloader, which is built with every handler. */
    @Bean(initMethod = "start", destroyMethod = "stop")
    ListChangedNotifier mcpListChanged(
            HttpServletStreamableServerTransportProvider mcpTransport,
            ScheduledExecutorService mcpTimer,
            McpProperties settings) {
        return new ListChangedNotifier(mcpTransport, Scheduler.of(mcpTimer), settings.notifyInterval());
    }
}
