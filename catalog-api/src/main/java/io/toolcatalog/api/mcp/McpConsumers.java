package io.toolcatalog.api.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.toolcatalog.api.error.ApiProblem;
import io.toolcatalog.api.view.ConsumerIdentities;
import io.toolcatalog.core.cohort.ConsumerIdentity;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;

/**
 * Who an MCP request is for, by the same rule as every read: {@code X-Catalog-Consumer} and
 * {@code X-Catalog-Consumer-Labels} on the request, taken by the transport into the request's
 * context. A bad header fails the request that needs it, naming the header.
 */
final class McpConsumers {

    private static final String CONSUMER = "catalog.consumer";
    private static final String REFUSED = "catalog.consumer.refused";

    private McpConsumers() {}

    /** The transport's context extractor: the request's consumer, or why its headers are refused. */
    static McpTransportContext extract(HttpServletRequest request) {
        try {
            return McpTransportContext.create(Map.of(CONSUMER, ConsumerIdentities.of(request)));
        } catch (ApiProblem bad) {
            return McpTransportContext.create(Map.of(REFUSED, bad.field() + ": " + bad.getMessage()));
        }
    }

    /** The consumer of a request whose context {@link #extract} made; anonymous when there is none. */
    static ConsumerIdentity of(McpTransportContext context) {
        if (context == null) {
            return ConsumerIdentity.ANONYMOUS;
        }
        if (context.get(REFUSED) instanceof String refused) {
            throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                    .message(refused)
                    .build();
        }
        return context.get(CONSUMER) instanceof ConsumerIdentity consumer ? consumer : ConsumerIdentity.ANONYMOUS;
    }
}
