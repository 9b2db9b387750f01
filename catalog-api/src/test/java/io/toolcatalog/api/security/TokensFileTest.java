package io.toolcatalog.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokensFileTest {

    @TempDir
    Path dir;

    private final AtomicLong nanos = new AtomicLong();

    static String hash(String token) {
        return HexFormat.of().formatHex(TokenRegistry.sha256(token));
    }

    static String entry(String name, String role, String token) {
        return "- name: " + name + "\n  role: " + role + "\n  sha256: " + hash(token) + "\n";
    }

    private Path write(String content) throws IOException {
        return Files.writeString(dir.resolve("tokens.yaml"), content);
    }

    private TokensFile open(Path file) {
        return new TokensFile(file, Duration.ofSeconds(1), nanos::get);
    }

    @Test
    void findsNamedTokensByHash() throws IOException {
        TokensFile file =
                open(write(entry("alice", "approver", "alice-secret") + entry("bob", "editor", "bob-secret")));

        assertThat(file.tokens().find("alice-secret")).contains(new Caller("alice", Role.APPROVER));
        assertThat(file.tokens().find("bob-secret")).contains(new Caller("bob", Role.EDITOR));
        assertThat(file.tokens().find(hash("bob-secret"))).isEmpty();
        assertThat(file.namedTokens()).isEqualTo(2);
    }

    @Test
    void rereadsTheFileOnceTheCheckIntervalPassedAndItChanged() throws IOException {
        Path path = write(entry("alice", "editor", "alice-secret"));
        TokensFile file = open(path);
        write(entry("carol", "admin", "carol-secret"));

        assertThat(file.tokens().find("carol-secret"))
                .as("not looked at before the interval")
                .isEmpty();
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(file.tokens().find("carol-secret")).contains(new Caller("carol", Role.ADMIN));
        assertThat(file.tokens().find("alice-secret")).isEmpty();
    }

    @Test
    void aBadChangeKeepsTheLastGoodSetAndIsCounted() throws IOException {
        Path path = write(entry("alice", "editor", "alice-secret"));
        TokensFile file = open(path);

        write("- name: mallory\n  role: overlord\n  sha256: " + hash("x") + "\n");
        file.refresh();
        write("- name: alice\n  role: editor\n  sha256: not-a-hash\n");
        file.refresh();
        file.refresh(); // unchanged since: not refused again

        assertThat(file.tokens().find("alice-secret")).contains(new Caller("alice", Role.EDITOR));
        assertThat(file.rejectedChanges()).isEqualTo(2);
    }

    @Test
    void aMissingFileAfterStartKeepsTheLastGoodSet() throws IOException {
        Path path = write(entry("alice", "editor", "alice-secret"));
        TokensFile file = open(path);
        Files.delete(path);

        file.refresh();

        assertThat(file.tokens().find("alice-secret")).isPresent();
        assertThat(file.rejectedChanges()).isEqualTo(1);
    }

    @Test
    void aBadFileAtStartFailsClearlyWithoutQuotingIt() throws IOException {
        Path path = write("- name: alice\n  role: editor\n  sha256: plain-token-pasted-here\n");

        assertThatThrownBy(() -> open(path))
                .hasMessageContaining("catalog.security.tokens-file")
                .hasMessageContaining("sha256 must be 64 hex digits")
                .hasMessageNotContaining("plain-token-pasted-here");
    }

    @Test
    void anUnknownRoleOrFieldAtStartIsAnError() throws IOException {
        assertThatThrownBy(() -> open(write("- name: a\n  role: overlord\n  sha256: " + hash("a") + "\n")))
                .hasMessageContaining("unknown role 'overlord'");
        assertThatThrownBy(() -> open(write("- name: a\n  token: a\n")))
                .hasMessageContaining("not a YAML list")
                .hasMessageNotContaining("token: a");
    }

    @Test
    void aMissingFileAtStartIsAnError() {
        assertThatThrownBy(() -> open(dir.resolve("absent.yaml"))).hasMessageContaining("cannot be read");
    }
}
