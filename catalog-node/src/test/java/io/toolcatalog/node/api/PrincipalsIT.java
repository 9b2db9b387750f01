package io.toolcatalog.node.api;

import static io.toolcatalog.node.api.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.toolcatalog.node.testing.TestNodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Named principals on a node: the approver role token, the tokens file (reread when it changes, a bad
 * change ignored) and JWTs from an identity provider the test runs itself. The name a token carries
 * is what {@code /auth/me} answers and what history records for the writes it makes.
 */
class PrincipalsIT {

    static final String ME = "/api/v1/auth/me";

    @TempDir
    static Path dir;

    static Path tokensFile;
    static TestIdentityProvider idp;
    static TestNodes.Node node;
    static Api api;
    static JdbcTemplate jdbc;

    @BeforeAll
    static void start() throws Exception {
        tokensFile = Files.writeString(dir.resolve("tokens.yaml"), entry("alice", "approver", "alice-secret"));
        idp = TestIdentityProvider.start();
        node = TestNodes.alone(
                "principals-1",
                Map.of(
                        "catalog.security.approver-token",
                        "approver-token",
                        "catalog.security.tokens-file",
                        tokensFile.toString(),
                        "catalog.security.tokens-file-check-interval",
                        "50ms",
                        "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                        idp.jwkSetUri(),
                        "spring.security.oauth2.resourceserver.jwt.issuer-uri",
                        TestIdentityProvider.ISSUER,
                        "spring.security.oauth2.resourceserver.jwt.audiences",
                        TestIdentityProvider.AUDIENCE));
        api = new Api(node.port());
        jdbc = new JdbcTemplate(node.bean(DataSource.class));
    }

    @AfterAll
    static void stop() {
        node.close();
        idp.close();
    }

    static String entry(String name, String role, String token) {
        String hash = HexFormat.of().formatHex(sha256(token));
        return "- name: " + name + "\n  role: " + role + "\n  sha256: " + hash + "\n";
    }

    static byte[] sha256(String token) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(token.getBytes());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void assertMe(String token, String name, String role) {
        Api.Reply reply = api.get(ME).token(token).send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().path("name").asText()).isEqualTo(name);
        assertThat(reply.json().path("role").asText()).isEqualTo(role);
    }

    /** Creates a tool with {@code token}; returns the principal history recorded for it. */
    static String createdBy(String token) {
        String name = "p-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply reply = api.post("/api/v1/tools")
                .token(token)
                .json("{\"name\": \"" + name + "\", \"description\": \"x\"}")
                .send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return jdbc.queryForObject(
                "SELECT principal FROM catalog_changes WHERE revision = ?", String.class, reply.revisionHeader());
    }

    @Nested
    class RoleTokens {

        @Test
        void theApproverTokenIsPrincipalApproverAndMayEdit() {
            assertMe("approver-token", "approver", "approver");
            assertThat(createdBy("approver-token")).isEqualTo("approver");
        }

        @Test
        void anApproverMayNotDoWhatOnlyAnAdminMay() {
            assertProblem(
                    api.post("/api/v1/tools/reload").token("approver-token").send(), 403);
        }
    }

    @Nested
    class TokensFile {

        @Test
        void aNamedTokenIsItsNameInMeAndInHistory() {
            assertMe("alice-secret", "alice", "approver");
            assertThat(createdBy("alice-secret")).isEqualTo("alice");
        }

        @Test
        void aChangedFileIsReadAgainAndABadChangeKeepsTheLastGoodSet() throws Exception {
            Files.writeString(tokensFile, entry("alice", "approver", "alice-secret") + entry("bob", "editor", "bob-1"));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> api.get(ME).token("bob-1").send().status() == 200);
            assertMe("bob-1", "bob", "editor");

            Files.writeString(tokensFile, "- name: bob\n  role: editor\n  sha256: bob-2-in-plain-text\n");
            await().pollDelay(Duration.ofMillis(200))
                    .atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(api.get("/actuator/prometheus")
                                    .token("admin-token")
                                    .send()
                                    .body())
                            .contains("catalog_tokens_file_rejected_total 1.0"));
            assertMe("bob-1", "bob", "editor");
            assertMe("alice-secret", "alice", "approver");

            Files.writeString(tokensFile, entry("alice", "approver", "alice-secret"));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> api.get(ME).token("bob-1").send().status() == 401);
        }

        @Test
        void aBadFileAtStartStopsTheNodeFromStarting() throws Exception {
            Path bad = Files.writeString(dir.resolve("bad.yaml"), "- name: eve\n  role: overlord\n");

            assertThatThrownBy(() ->
                            TestNodes.alone("principals-bad", Map.of("catalog.security.tokens-file", bad.toString())))
                    .hasStackTraceContaining("catalog.security.tokens-file")
                    .hasStackTraceContaining("unknown role 'overlord'");
        }
    }

    @Nested
    class Jwts {

        @Test
        void aValidTokenIsItsPreferredUsernameWithItsHighestRole() {
            String token = idp.token(
                    "id-123", c -> c.claim("preferred_username", "carol").claim("roles", List.of("reader", "editor")));

            assertMe(token, "carol", "editor");
            assertThat(createdBy(token)).isEqualTo("carol");
        }

        @Test
        void withoutPreferredUsernameTheSubjectIsTheName() {
            assertMe(idp.token("dave", c -> c.claim("roles", "approver")), "dave", "approver");
        }

        @Test
        void expiredWrongIssuerWrongAudienceOrBadSignatureIs401() {
            Date past = Date.from(Instant.now().minus(Duration.ofMinutes(10)));
            List<String> refused = List.of(
                    idp.token(
                            "erin",
                            c -> c.claim("roles", "admin").issueTime(past).expirationTime(past)),
                    idp.token("erin", c -> c.claim("roles", "admin").issuer("https://elsewhere.test")),
                    idp.token("erin", c -> c.claim("roles", "admin").audience("another-service")),
                    idp.forged("erin", c -> c.claim("roles", "admin")));

            for (String token : refused) {
                Api.Reply reply = api.get(ME).token(token).send();
                assertProblem(reply, 401);
                assertThat(reply.header("WWW-Authenticate")).contains("Bearer");
                assertProblem(api.get("/api/v1/tools").token(token).send(), 401);
            }
        }

        @Test
        void aValidTokenWithoutAKnownRoleIs403() {
            String none = idp.token("frank", c -> c);
            String unknown = idp.token("frank", c -> c.claim("roles", List.of("owner")));

            assertThat(assertProblem(api.get(ME).token(none).send(), 403)
                            .json()
                            .path("detail")
                            .asText())
                    .contains("'frank'", "'roles'");
            assertProblem(api.get(ME).token(unknown).send(), 403);
            assertProblem(
                    api.post("/api/v1/tools")
                            .token(unknown)
                            .json("{\"name\": \"nope\"}")
                            .send(),
                    403);
        }

        @Test
        void anIssuerUriAloneFindsTheKeysThroughDiscovery() {
            try (TestNodes.Node discovering = TestNodes.alone(
                    "principals-issuer",
                    Map.of("spring.security.oauth2.resourceserver.jwt.issuer-uri", idp.issuerUrl()))) {
                Api other = new Api(discovering.port());
                String token = idp.token("gina", c -> c.issuer(idp.issuerUrl()).claim("roles", "reader"));
                Api.Reply reply = other.get(ME).token(token).send();

                assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
                assertThat(reply.json().path("name").asText()).isEqualTo("gina");
                assertProblem(
                        other.get(ME)
                                .token(idp.token("gina", c -> c.claim("roles", "reader")))
                                .send(),
                        401);
            }
        }

        @Test
        void roleTokensStillWorkBesideJwts() {
            assertMe("admin-token", "admin", "admin");
            assertProblem(api.get(ME).token("not-a-known-token").send(), 401);
        }
    }
}
