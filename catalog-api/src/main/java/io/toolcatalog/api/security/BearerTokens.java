package io.toolcatalog.api.security;

import io.toolcatalog.api.error.ApiProblem;

/**
 * Who a request's {@code Authorization} header says is calling, and whether that caller may do
 * what it asks: the one token check of the API, used by the interceptor of the servlet side and by
 * the watch port.
 */
public final class BearerTokens {

    private static final String BEARER = "Bearer ";

    private final Principals principals;
    private final boolean readsRequireToken;

    BearerTokens(Principals principals, boolean readsRequireToken) {
        this.principals = principals;
        this.readsRequireToken = readsRequireToken;
    }

    /** The caller of a read: anonymous when reads are open and no token came; 401 / 403 otherwise. */
    public Caller reader(String authorization) {
        Caller caller = authenticate(authorization);
        authorize(caller, readsRequireToken ? Role.READER : null);
        return caller;
    }

    /**
     * Anonymous without a header; 401 for a header that is not a known bearer token or a JWT that
     * fails its checks, 403 for a JWT without a known role.
     */
    Caller authenticate(String authorization) {
        if (authorization == null) {
            return Caller.ANONYMOUS;
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw ApiProblem.unauthorized("Authorization must be 'Bearer <token>'");
        }
        return principals.require(authorization.substring(BEARER.length()).trim());
    }

    /** A read's required role: reader when reads need a token, else none. */
    Role readRole() {
        return readsRequireToken ? Role.READER : null;
    }

    /** 401 for an anonymous caller, 403 for one whose role does not include {@code required} (null: open). */
    static void authorize(Caller caller, Role required) {
        if (required == null) {
            return;
        }
        if (caller.isAnonymous()) {
            throw ApiProblem.unauthorized("This endpoint needs a bearer token with role " + required.value());
        }
        if (!caller.role().includes(required)) {
            throw ApiProblem.forbidden("Principal '" + caller.principal() + "' has role "
                    + caller.role().value() + "; this endpoint needs " + required.value());
        }
    }
}
