package io.toolcatalog.api.security;

import io.toolcatalog.api.error.ApiProblem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The MCP endpoint is a read of the catalog, whatever its HTTP method, so it takes the same rule as
 * the API's reads ({@link BearerTokens#reader}): open unless {@code catalog.security.reads-require-token},
 * then any valid token. A token that is presented must be valid either way, as on the API. The
 * endpoint is a servlet of its own, outside the API's interceptors, hence a filter.
 */
final class McpAccessFilter extends OncePerRequestFilter {

    private final BearerTokens tokens;

    McpAccessFilter(BearerTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            tokens.reader(request.getHeader(HttpHeaders.AUTHORIZATION));
        } catch (ApiProblem refused) { // no token where reads need one, an unknown token, a JWT refused
            ManagementAccessFilter.deny(response, refused.status().value(), refused.getMessage());
            return;
        }
        chain.doFilter(request, response);
    }
}
