package io.toolcatalog.api.web;

import io.toolcatalog.api.error.ApiProblem;
import io.toolcatalog.core.reload.AppliedCatalog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Until its first snapshot is loaded (PostgreSQL down at start) a node has nothing true to say:
 * every API call answers 503 with {@code Retry-After} rather than an empty catalog or a failed write.
 */
class NotLoadedInterceptor implements HandlerInterceptor {

    private final AppliedCatalog catalog;

    NotLoadedInterceptor(AppliedCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!catalog.isLoaded()) {
            throw ApiProblem.serviceUnavailable(
                    "This node has not loaded the catalog yet (is the database reachable?); retry shortly", 2);
        }
        return true;
    }
}
