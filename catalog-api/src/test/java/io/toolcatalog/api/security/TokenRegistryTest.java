package io.toolcatalog.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenRegistryTest {

    static SecurityProperties properties(String admin, List<SecurityProperties.HashedToken> tokens) {
        return properties(admin, "", null, null, tokens);
    }

    static SecurityProperties properties(
            String admin, String editor, String reader, String approver, List<SecurityProperties.HashedToken> tokens) {
        return new SecurityProperties(
                admin,
                editor,
                reader,
                tokens,
                false,
                10,
                20,
                10,
                20,
                1,
                10,
                null,
                approver,
                null,
                Duration.ofSeconds(1),
                new SecurityProperties.Jwt("roles"),
                200,
                400);
    }

    @Test
    void findsPlainTokensByTheirPrincipalAndRole() {
        TokenRegistry registry = TokenRegistry.from(properties("a", "e", "r", "p", List.of()));

        assertThat(registry.find("a")).contains(new Caller("admin", Role.ADMIN));
        assertThat(registry.find("p")).contains(new Caller("approver", Role.APPROVER));
        assertThat(registry.find("e")).contains(new Caller("editor", Role.EDITOR));
        assertThat(registry.find("r")).contains(new Caller("reader", Role.READER));
        assertThat(registry.find("x")).isEmpty();
    }

    @Test
    void findsHashedTokensWithoutKnowingThePlainOne() {
        String hash = HexFormat.of().formatHex(TokenRegistry.sha256("ci-token")).toUpperCase();
        TokenRegistry registry = TokenRegistry.from(
                properties(null, List.of(new SecurityProperties.HashedToken("ci-bot", Role.EDITOR, hash))));

        assertThat(registry.find("ci-token")).contains(new Caller("ci-bot", Role.EDITOR));
        assertThat(registry.find(hash)).isEmpty();
    }

    @Test
    void isEmptyWhenNothingIsConfigured() {
        assertThat(TokenRegistry.from(properties("  ", List.of())).isEmpty()).isTrue();
    }

    @Test
    void refusesAHashThatIsNotSha256Hex() {
        assertThatThrownBy(() -> TokenRegistry.from(
                        properties(null, List.of(new SecurityProperties.HashedToken("x", Role.ADMIN, "plain")))))
                .hasMessageContaining("catalog.security.tokens[0].sha256")
                .hasMessageNotContaining("plain");
    }

    @Test
    void refusesTwoEntriesWithTheSameHash() {
        String hash = HexFormat.of().formatHex(TokenRegistry.sha256("shared"));
        assertThatThrownBy(() -> TokenRegistry.from(properties(
                        null,
                        List.of(
                                new SecurityProperties.HashedToken("a", Role.EDITOR, hash),
                                new SecurityProperties.HashedToken("b", Role.ADMIN, hash.toUpperCase())))))
                .hasMessageContaining("catalog.security.tokens[1].sha256");
    }

    @Test
    void ranksRoles() {
        assertThat(Role.ADMIN.includes(Role.APPROVER)).isTrue();
        assertThat(Role.APPROVER.includes(Role.EDITOR)).isTrue();
        assertThat(Role.EDITOR.includes(Role.APPROVER)).isFalse();
        assertThat(Role.ADMIN.includes(Role.EDITOR)).isTrue();
        assertThat(Role.EDITOR.includes(Role.READER)).isTrue();
        assertThat(Role.EDITOR.includes(Role.ADMIN)).isFalse();
        assertThat(Role.READER.includes(Role.EDITOR)).isFalse();
    }
}
