package io.toolcatalog.node.api;

import static io.toolcatalog.node.api.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Failures that never reach a controller are problem+json too: unknown routes, methods, media types. */
class ErrorHandlingIT extends ApiTestSupport {

    @Nested
    class Routing {

        @Test
        void anUnknownRouteIs404() {
            Api.Reply reply = assertProblem(api.get("/api/v1/nothing-here").send(), 404);
            assertThat(reply.json().path("detail").asText()).contains("/api/v1/nothing-here");
        }

        @Test
        void anUnknownRouteIs404ForAPostToo() {
            assertProblem(
                    api.post("/api/v1/nothing/here").json("{}").token(ADMIN).send(), 404);
        }

        @Test
        void anUnsupportedMethodIs405WithAllow() {
            var before = database();
            Api.Reply reply = assertProblem(api.delete(TOOLS).token(ADMIN).send(), 405);

            assertThat(reply.header("Allow"))
                    .hasValueSatisfying(allow -> assertThat(allow).contains("GET", "POST"));
            assertThat(database()).isEqualTo(before);
        }
    }

    @Nested
    class MediaTypes {

        @Test
        void anAcceptThatCannotBeMetIs406AsProblemJson() {
            assertProblem(api.get(TOOLS).header("Accept", "text/csv").send(), 406);
        }

        @Test
        void anUnsupportedContentTypeIs415NamingTheHeader() {
            var before = database();
            Api.Reply reply = assertProblem(
                    api.post(TOOLS)
                            .token(EDITOR)
                            .body("<tool/>".getBytes(), "application/xml")
                            .send(),
                    415);

            assertThat(reply.json().path("field").asText()).isEqualTo("Content-Type");
            assertThat(database()).isEqualTo(before);
        }
    }
}
