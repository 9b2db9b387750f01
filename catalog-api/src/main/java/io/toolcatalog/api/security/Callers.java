package io.toolcatalog.api.security;

import jakarta.servlet.http.HttpServletRequest;

/** The {@link Caller} of a request, for code that runs after the security interceptor but is no controller. */
public final class Callers {

    private Callers() {}

    /** The caller the security interceptor found (anonymous when it has not run). */
    public static Caller of(HttpServletRequest request) {
        return request.getAttribute(AuthInterceptor.CALLER) instanceof Caller known ? known : Caller.ANONYMOUS;
    }
}
