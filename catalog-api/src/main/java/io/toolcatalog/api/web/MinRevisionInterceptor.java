package io.toolcatalog.api.web;

import io.toolcatalog.api.error.ApiProblem;
import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.reload.SyncProperties;
import io.toolcatalog.core.tool.RevisionNotReachedException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Read-your-writes through a load balancer: a read carrying {@code X-Catalog-Min-Revision: R}
 * waits (at most {@code catalog.sync.min-revision-wait}) until this node has applied R, else 503.
 */
class MinRevisionInterceptor implements HandlerInterceptor {

    private final CatalogReloader reloader;
    private final SyncProperties sync;

    MinRevisionInterceptor(CatalogReloader reloader, SyncProperties sync) {
        this.reloader = reloader;
        this.sync = sync;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String header = request.getHeader(RevisionHeaders.MIN_REVISION);
        if (header == null || !("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))) {
            return true;
        }
        long wanted = parse(header.trim());
        if (!reloader.awaitRevision(wanted, sync.minRevisionWait())) {
            throw RevisionNotReachedException.after(wanted, reloader.applied(), sync.minRevisionWait());
        }
        return true;
    }

    private static long parse(String value) {
        try {
            long revision = Long.parseLong(value);
            if (revision >= 0) {
                return revision;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiProblem.badRequest(RevisionHeaders.MIN_REVISION, "'" + value + "' is not a revision number");
    }
}
