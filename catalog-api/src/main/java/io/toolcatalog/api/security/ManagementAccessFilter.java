package io.toolcatalog.api.security;

import io.toolcatalog.api.error.ApiProblem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the management endpoints served on the API port ({@code /actuator/prometheus},
 * {@code /actuator/metrics}, …): they need an admin token or the metrics token
 * ({@code catalog.security.metrics-token}), since metric names and tags tell an outsider about the
 * deployment. Health probes ({@code /actuator/health/**}) stay open for load balancers and
 * Kubernetes. A separate {@code management.server.port} bypasses this filter: that port is then
 * the operator's to firewall.
 */
final class ManagementAccessFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final Principals principals;
    private final byte[] metricsTokenHash;

    /** {@code metricsToken} null or blank: admin tokens only. */
    ManagementAccessFilter(Principals principals, String metricsToken) {
        this.principals = principals;
        this.metricsTokenHash =
                metricsToken == null || metricsToken.isBlank() ? null : TokenRegistry.sha256(metricsToken);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean management = path.equals("/actuator") || path.startsWith("/actuator/");
        boolean probe = path.equals("/actuator/health") || path.startsWith("/actuator/health/");
        return !management || probe;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            deny(response, 401, "Management endpoints need a bearer token: an admin token or the metrics token");
            return;
        }
        String token = authorization.substring(BEARER.length()).trim();
        if (isMetricsToken(token)) {
            chain.doFilter(request, response);
            return;
        }
        Caller caller;
        try {
            caller = principals.find(token).orElse(null);
        } catch (ApiProblem refused) {
            deny(response, refused.status().value(), "The bearer token is not valid here");
            return;
        }
        if (caller == null) {
            deny(response, 401, "The bearer token is not valid");
        } else if (!caller.role().includes(Role.ADMIN)) {
            deny(response, 403, "Management endpoints need an admin token or the metrics token");
        } else {
            chain.doFilter(request, response);
        }
    }

    private boolean isMetricsToken(String token) {
        return metricsTokenHash != null && MessageDigest.isEqual(metricsTokenHash, TokenRegistry.sha256(token));
    }

    /** Writes a 401 or 403 problem; {@code detail} is our own constant text, never the caller's. */
    static void deny(HttpServletResponse response, int status, String detail) throws IOException {
        response.setStatus(status);
        if (status == 401) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter()
                .write("{\"type\":\"about:blank\",\"title\":\""
                        + (status == 401 ? "Unauthorized" : status == 403 ? "Forbidden" : "Service Unavailable")
                        + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
    }
}
