package io.toolcatalog.api.web;

import io.toolcatalog.api.error.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;

/** Refuses a body whose declared {@code Content-Length} is past the limit, before reading any of it. */
class BodyLimitInterceptor implements HandlerInterceptor {

    private final long limitBytes;

    BodyLimitInterceptor(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getContentLengthLong() > limitBytes) {
            throw ApiProblem.bodyTooLarge(limitBytes);
        }
        return true;
    }
}
