package io.toolcatalog.api.mcp;

import io.modelcontextprotocol.spec.HttpHeaders;
import io.toolcatalog.core.reload.AppliedCatalog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admission to {@code /mcp}, the watch stream's rules: 503 until the node has a snapshot, and a
 * request that would open a session (a POST without {@code Mcp-Session-Id}, i.e. an
 * {@code initialize}) gets 503 with {@code Retry-After} once the node holds
 * {@code catalog.mcp.max-sessions}. Every request of a session marks it used.
 */
final class McpAdmissionFilter extends OncePerRequestFilter {

    private final AppliedCatalog catalog;
    private final McpSessions sessions;
    private final long retryAfterSeconds;

    McpAdmissionFilter(AppliedCatalog catalog, McpSessions sessions, long retryAfterSeconds) {
        this.catalog = catalog;
        this.sessions = sessions;
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!catalog.isLoaded()) {
            unavailable(response, "This node has not loaded the catalog yet; retry or use another node");
            return;
        }
        String sessionId = request.getHeader(HttpHeaders.MCP_SESSION_ID);
        if (sessionId != null) {
            sessions.used(sessionId);
            chain.doFilter(request, response);
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            chain.doFilter(request, response); // the SDK answers what a request without a session lacks
            return;
        }
        if (!sessions.reserve()) {
            unavailable(response, "This node has as many MCP sessions as it allows; retry or use another node");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            sessions.release();
        }
    }

    private void unavailable(HttpServletResponse response, String detail) throws IOException {
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader(org.springframework.http.HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter()
                .write("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\""
                        + detail + "\"}");
    }
}
