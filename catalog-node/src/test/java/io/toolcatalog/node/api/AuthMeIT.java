package io.toolcatalog.node.api;

import static io.toolcatalog.node.api.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code GET /auth/me} names the token's principal and role, and is a 401 without a valid token. */
class AuthMeIT extends ApiTestSupport {

    static final String ME = "/api/v1/auth/me";

    @ParameterizedTest
    @CsvSource({
        "reader-token,reader,reader",
        "editor-token,editor,editor",
        "admin-token,admin,admin",
        "ci-token,ci-bot,editor"
    })
    void namesThePrincipalAndRoleOfTheToken(String token, String principal, String role) {
        Api.Reply reply = api.get(ME).token(token).send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().path("name").asText()).isEqualTo(principal);
        assertThat(reply.json().path("principal").asText())
                .as("kept for earlier clients")
                .isEqualTo(principal);
        assertThat(reply.json().path("role").asText()).isEqualTo(role);
    }

    @Test
    void withoutATokenIs401ProblemJsonEvenWhereReadsAreOpen() {
        Api.Reply reply = api.get(ME).send();

        assertProblem(reply, 401);
        assertThat(reply.header("WWW-Authenticate")).contains("Bearer");
    }

    @Test
    void withAnUnknownTokenIs401AndDoesNotEchoIt() {
        Api.Reply reply = api.get(ME).token("guessed-secret-value").send();

        assertProblem(reply, 401);
        assertThat(reply.body()).doesNotContain("guessed-secret-value");
    }
}
