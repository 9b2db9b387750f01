package io.toolcatalog.api.web;

import io.toolcatalog.api.error.ApiProblem;
import io.toolcatalog.core.reload.MinRevisionGate;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Read-your-writes through a load balancer: a read carrying {@code X-Catalog-Min-Revision: R}
 * passes the {@link MinRevisionGate} first — 400 for a value that is not a non-negative integer,
 * 409 for an R never committed, 503 when the wait runs out or too many reads wait already.
 */
class MinRevisionInterceptor implements HandlerInterceptor {

    private final MinRevisionGate gate;

    MinRevisionInterceptor(MinRevisionGate gate) {
        this.gate = gate;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String header = request.getHeader(RevisionHeaders.MIN_REVISION);
        if (header == null || !("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))) {
            return true;
        }
        gate.await(parse(header.trim()));
        return true;
    }

    private static long parse(String value) {
        if (!value.isEmpty() && value.length() <= 19 && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                // above Long.MAX_VALUE: reported below
            }
        }
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        throw ApiProblem.badRequest(
                RevisionHeaders.MIN_REVISION, "'" + shown + "' is not a revision (a non-negative integer)");
    }
}
