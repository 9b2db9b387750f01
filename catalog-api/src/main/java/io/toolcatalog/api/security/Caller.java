package io.toolcatalog.api.security;

/**
 * Who is calling, as the bearer token says; a controller method takes it as a parameter. An
 * anonymous caller (open reads) has no role.
 */
public record Caller(String principal, Role role) {

    static final Caller ANONYMOUS = new Caller("anonymous", null);

    public boolean isAnonymous() {
        return role == null;
    }
}
