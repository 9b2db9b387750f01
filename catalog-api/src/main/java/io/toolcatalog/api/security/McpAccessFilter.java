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
 * the API's reads: open unless {@code catalog.security.reads-require-token}, then any valid token
 * (role {@code reader} or above). A token that is presented must be valid either way, as on the API.
 * The endpoint is a servlet of its own, outside the API's interceptors, hence a filter.
 */
final class McpAccessFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final Principals principals;
    private final boolean readsRequireToken;

    McpAccessFilter(Principals principals, boolean readsRequireToken) {
        this.principals = principals;
        this.readsRequireToken = readsRequireToken;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            if (readsRequireToken) {
                ManagementAccessFilter.deny(response, 401, "The MCP endpoint needs a bearer token with role reader");
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            ManagementAccessFilter.deny(response, 401, "Authorization must be 'Bearer <token>'");
            return;
        }
        try {
            principals.require(authorization.substring(BEARER.length()).trim());
        } catch (ApiProblem refused) { // an unknown token, a JWT that fails its checks or has no role
            ManagementAccessFilter.deny(response, refused.status().value(), refused.getMessage());
            return;
        }
        chain.doFilter(request, response);
    }
}
