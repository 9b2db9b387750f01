package io.toolcatalog.api.web;

import io.toolcatalog.core.reload.CatalogReloader;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts {@code X-Catalog-Revision} on every response, errors and 304s included, before anything
 * else runs; {@link RevisionHeaderAdvice} refreshes it just before a body is written, so a
 * mutation's answer carries the revision it produced.
 */
class RevisionHeaderFilter extends OncePerRequestFilter {

    private final CatalogReloader reloader;

    RevisionHeaderFilter(CatalogReloader reloader) {
        this.reloader = reloader;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(RevisionHeaders.REVISION, String.valueOf(reloader.applied()));
        chain.doFilter(request, response);
    }
}
