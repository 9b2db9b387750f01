package io.toolcatalog.api.changerequest;

import io.toolcatalog.api.security.Caller;
import io.toolcatalog.api.security.Callers;
import io.toolcatalog.api.security.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * {@code catalog.changes.review=required}: the catalog changes through approved change requests.
 * A direct write to {@code /tools} (create, update, delete, enable, disable, import, rollback) by
 * an editor is refused (403, its type the change requests); an admin may still write directly when
 * the call gives a {@code reason}, which the change log records as the emergency's reason. Runs after
 * the security check, so only callers allowed to write at all meet it. Reloads are not writes.
 */
final class ReviewPolicy implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(ReviewPolicy.class);

    private static final String TOOLS = "/api/v1/tools";

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!isDirectWrite(request)) {
            return true;
        }
        Caller caller = Callers.of(request);
        if (caller.isAnonymous()) {
            return true; // the security check answered already
        }
        String reason = request.getParameter("reason");
        if (caller.role().includes(Role.ADMIN)) {
            if (reason == null || reason.isBlank()) {
                throw new ReviewRequiredException("Review is required: changes go through change requests ("
                        + ChangeRequestController.PATH + "); an admin may write directly with ?reason=");
            }
            log.warn(
                    "Emergency direct write by {}: {} {} (reason given)",
                    caller.principal(),
                    request.getMethod(),
                    request.getRequestURI());
            return true;
        }
        throw new ReviewRequiredException("Review is required: principal '" + caller.principal()
                + "' changes the catalog through change requests (" + ChangeRequestController.PATH + ")");
    }

    static boolean isDirectWrite(HttpServletRequest request) {
        String method = request.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)) {
            return false;
        }
        String path = request.getRequestURI();
        return (path.equals(TOOLS) || path.startsWith(TOOLS + "/")) && !path.startsWith(TOOLS + "/reload");
    }
}
