package io.toolcatalog.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JwtPrincipalsTest {

    @Test
    void theHighestKnownRoleOfAListWins() {
        assertThat(JwtPrincipals.highestRole(List.of("reader", "approver", "editor", "superuser")))
                .contains(Role.APPROVER);
    }

    @Test
    void aStringMayNameOneRoleOrSeveral() {
        assertThat(JwtPrincipals.highestRole("editor")).contains(Role.EDITOR);
        assertThat(JwtPrincipals.highestRole("reader ADMIN,editor")).contains(Role.ADMIN);
    }

    @Test
    void noKnownRoleIsEmpty() {
        assertThat(JwtPrincipals.highestRole(null)).isEmpty();
        assertThat(JwtPrincipals.highestRole(List.of("owner", "root"))).isEmpty();
        assertThat(JwtPrincipals.highestRole("")).isEmpty();
    }

    @Test
    void tellsJwtsFromOpaqueTokens() {
        assertThat(JwtPrincipals.looksLikeJwt("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln"))
                .isTrue();
        assertThat(JwtPrincipals.looksLikeJwt("admin-token")).isFalse();
        assertThat(JwtPrincipals.looksLikeJwt("a.b.c")).isFalse();
    }
}
