package io.toolcatalog.api.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpHeaders;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Decides, before a handler runs, whether the caller may: finds the caller from the bearer token,
 * checks the role the handler {@link Requires}, then — only for a caller who passed — takes a
 * token from the reload budget for a {@link RateLimited} handler. The caller is left on the request for controllers' {@link Caller} parameters.
 */
final class AuthInterceptor implements HandlerInterceptor {

    static final String CALLER = AuthInterceptor.class.getName() + ".caller";

    private final BearerTokens tokens;
    private final RateBudgets budgets;
    /** What each handler's annotations ask, looked up once: annotation scans are not free per request. */
    private final Map<Method, Policy> policies = new ConcurrentHashMap<>();

    AuthInterceptor(BearerTokens tokens, RateBudgets budgets) {
        this.tokens = tokens;
        this.budgets = budgets;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true; // no endpoint here: the 404 says so
        }
        Policy policy = policies.computeIfAbsent(method.getMethod(), m -> Policy.of(method));
        Caller caller = tokens.authenticate(request.getHeader(HttpHeaders.AUTHORIZATION));
        request.setAttribute(CALLER, caller);
        if (!policy.noToken()) {
            BearerTokens.authorize(caller, required(policy, request));
        }
        if (policy.rateLimited()) {
            budgets.take(RateBudgets.Purpose.RELOAD);
        }
        return true;
    }

    private Role required(Policy policy, HttpServletRequest request) {
        if (policy.requires() != null) {
            return policy.requires();
        }
        boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        if (!read) {
            return Role.ADMIN;
        }
        return tokens.readRole();
    }

    private record Policy(boolean noToken, Role requires, boolean rateLimited) {

        static Policy of(HandlerMethod method) {
            Requires requires = method.getMethodAnnotation(Requires.class);
            return new Policy(
                    method.hasMethodAnnotation(NoToken.class),
                    requires == null ? null : requires.value(),
                    method.hasMethodAnnotation(RateLimited.class));
        }
    }
}
