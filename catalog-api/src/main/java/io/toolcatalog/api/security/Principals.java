package io.toolcatalog.api.security;

import io.toolcatalog.api.error.ApiProblem;
import java.util.Optional;

/**
 * Who a bearer token stands for, from every source the node is configured with: the role tokens
 * and hashed tokens of the properties, the tokens file (reread when it changes) and JWTs from an
 * identity provider. A token shaped like a JWT goes to the JWT check when one is configured; every
 * other token is hashed once and compared with every known hash.
 */
final class Principals {

    private final TokenRegistry fixed;
    private final TokensFile file;
    private final JwtPrincipals jwt;

    /** {@code file} and {@code jwt} may be null: not configured. */
    Principals(TokenRegistry fixed, TokensFile file, JwtPrincipals jwt) {
        this.fixed = fixed;
        this.file = file;
        this.jwt = jwt;
    }

    /**
     * The caller {@code token} stands for; empty when no source knows it. A JWT that fails its
     * checks is not empty but a 401 saying why, and one without a known role a 403.
     */
    Optional<Caller> find(String token) {
        if (jwt != null && JwtPrincipals.looksLikeJwt(token)) {
            return Optional.of(jwt.authenticate(token));
        }
        byte[] hash = TokenRegistry.sha256(token);
        Optional<Caller> found = fixed.find(hash);
        Optional<Caller> named = file == null ? Optional.empty() : file.tokens().find(hash);
        return found.isPresent() ? found : named;
    }

    /** As {@link #find}, for a request that needs a caller: 401 when nobody is found. */
    Caller require(String token) {
        return find(token).orElseThrow(() -> ApiProblem.unauthorized("The bearer token is not valid"));
    }
}
