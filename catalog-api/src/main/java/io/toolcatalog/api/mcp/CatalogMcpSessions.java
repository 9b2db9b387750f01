package io.toolcatalog.api.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.server.McpNotificationHandler;
import io.modelcontextprotocol.server.McpRequestHandler;
import io.modelcontextprotocol.spec.DefaultMcpStreamableServerSessionFactory;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.toolcatalog.core.cohort.ConsumerIdentity;
import io.toolcatalog.core.reload.AppliedCatalog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * What an MCP session of this node answers, on the SDK's own session type: {@code initialize},
 * {@code ping}, {@code tools/list} (from the applied snapshot in the caller's view, paginated) and {@code tools/call} (an
 * error: the catalog describes tools, it does not run them). The SDK's {@code McpServer} facade is
 * not used because its {@code tools/list} holds a fixed list and has no pages; the catalog's list is
 * the snapshot of the moment.
 */
final class CatalogMcpSessions implements McpStreamableServerSession.Factory {

    static final String SERVER_NAME = "tool-catalog";

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final McpSchema.ServerCapabilities CAPABILITIES =
            McpSchema.ServerCapabilities.builder().tools(true).build();

    private final AppliedCatalog catalog;
    private final McpToolList toolList;
    private final McpSessions sessions;
    private final McpJsonMapper json;
    private final List<String> protocolVersions;
    private final String serverVersion;
    private final McpStreamableServerSession.Factory sessionFactory;

    CatalogMcpSessions(
            AppliedCatalog catalog,
            McpToolList toolList,
            McpSessions sessions,
            McpJsonMapper json,
            List<String> protocolVersions,
            String serverVersion) {
        this.catalog = catalog;
        this.toolList = toolList;
        this.sessions = sessions;
        this.json = json;
        this.protocolVersions = List.copyOf(protocolVersions);
        this.serverVersion = serverVersion;
        this.sessionFactory = new DefaultMcpStreamableServerSessionFactory(
                REQUEST_TIMEOUT,
                this::initialize,
                Map.of(
                        McpSchema.METHOD_PING, (exchange, params) -> Mono.just(Map.of()),
                        McpSchema.METHOD_TOOLS_LIST, listTools(),
                        McpSchema.METHOD_TOOLS_CALL, callTool()),
                Map.<String, McpNotificationHandler>of(
                        McpSchema.METHOD_NOTIFICATION_INITIALIZED, (exchange, params) -> Mono.empty()),
                sessionId -> Mono.fromRunnable(() -> sessions.closed(sessionId)));
    }

    @Override
    public McpStreamableServerSession.McpStreamableServerSessionInit startSession(McpSchema.InitializeRequest request) {
        McpStreamableServerSession.McpStreamableServerSessionInit init = sessionFactory.startSession(request);
        sessions.opened(init.session());
        return init;
    }

    private Mono<McpSchema.InitializeResult> initialize(McpSchema.InitializeRequest request) {
        // the client's version when we speak it, else our newest (the spec's negotiation)
        String version = protocolVersions.contains(request.protocolVersion())
                ? request.protocolVersion()
                : protocolVersions.get(protocolVersions.size() - 1);
        return Mono.just(McpSchema.InitializeResult.builder(
                        version, CAPABILITIES, new McpSchema.Implementation(SERVER_NAME, serverVersion))
                .instructions("The tools this catalog describes, enabled ones only, in name order. "
                        + "The catalog does not run tools: tools/call always fails.")
                .build());
    }

    private McpRequestHandler<McpSchema.ListToolsResult> listTools() {
        return (exchange, params) -> Mono.fromSupplier(() -> {
            McpSchema.PaginatedRequest request = params == null
                    ? new McpSchema.PaginatedRequest()
                    : json.convertValue(params, new TypeRef<McpSchema.PaginatedRequest>() {});
            ConsumerIdentity consumer = McpConsumers.of(exchange.transportContext());
            return toolList.page(catalog.snapshot().view(consumer), request.cursor());
        });
    }

    private McpRequestHandler<McpSchema.CallToolResult> callTool() {
        return (exchange, params) -> {
            Object name = params instanceof Map<?, ?> map ? map.get("name") : null;
            return Mono.error(McpError.builder(McpSchema.ErrorCodes.METHOD_NOT_FOUND)
                    .message("Tool Catalog describes tools and does not run them: call '" + Objects.toString(name, "")
                            + "' through the runtime that provides it")
                    .build());
        };
    }
}
