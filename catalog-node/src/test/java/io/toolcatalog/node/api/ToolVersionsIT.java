package io.toolcatalog.node.api;

import static io.toolcatalog.node.api.Problems.assertBadRequest;
import static io.toolcatalog.node.api.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** A tool's versions and rolling back to one of them. */
class ToolVersionsIT extends ApiTestSupport {

    String name;

    @BeforeEach
    void threeVersions() {
        name = createTool(unique("hist"));
        api.put(TOOLS + "/" + name)
                .token(EDITOR)
                .json("{\"description\": \"second\"}")
                .send();
        api.put(TOOLS + "/" + name)
                .token(EDITOR)
                .json("{\"description\": \"third\"}")
                .send();
    }

    @Nested
    class Versions {

        @Test
        void listsVersionsNewestFirstWithTheToolAsItWas() {
            Api.Reply reply = api.get(TOOLS + "/" + name + "/versions").send();

            assertThat(reply.status()).isEqualTo(200);
            JsonNode body = reply.json();
            assertThat(body.path("name").asText()).isEqualTo(name);
            assertThat(body.path("total").asInt()).isEqualTo(3);
            JsonNode newest = body.path("versions").get(0);
            assertThat(newest.path("version").asInt()).isEqualTo(3);
            assertThat(newest.path("operation").asText()).isEqualTo("update");
            assertThat(newest.path("revision").asLong()).isPositive();
            assertThat(newest.path("changed_at").asText()).endsWith("Z");
            assertThat(newest.path("changed_by").asText()).isEqualTo("editor");
            assertThat(newest.path("tool").path("description").asText()).isEqualTo("third");
            assertThat(body.path("versions").get(2).path("operation").asText()).isEqualTo("create");
        }

        @Test
        void pagesWithLimitAndOffset() {
            JsonNode body = api.get(TOOLS + "/" + name + "/versions?limit=1&offset=1")
                    .send()
                    .json();

            assertThat(body.path("versions")).hasSize(1);
            assertThat(body.path("versions").get(0).path("version").asInt()).isEqualTo(2);
            assertThat(body.path("total").asInt()).isEqualTo(3);
        }

        @Test
        void isNotFoundForAToolThatNeverExisted() {
            assertProblem(api.get(TOOLS + "/" + unique("never") + "/versions").send(), 404);
        }

        @Test
        void refusesALimitOutOfRange() {
            assertBadRequest(api.get(TOOLS + "/" + name + "/versions?limit=0").send(), "limit", "between");
        }

        @Test
        void returnsAtMostAHundredVersionsPerRead() {
            assertBadRequest(api.get(TOOLS + "/" + name + "/versions?limit=101").send(), "limit", "between 1 and 100");
            assertThat(api.get(TOOLS + "/" + name + "/versions?limit=100")
                            .send()
                            .status())
                    .isEqualTo(200);
        }
    }

    @Nested
    class Rollback {

        @Test
        void makesTheToolWhatItWasAsANewVersion() {
            Api.Reply reply = api.post(TOOLS + "/" + name + "/rollback?version=1")
                    .token(ADMIN)
                    .send();

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().path("description").asText()).isEqualTo("Tool " + name);
            assertThat(reply.json().path("version").asInt()).isEqualTo(4);
            assertThat(api.get(TOOLS + "/" + name)
                            .send()
                            .json()
                            .path("description")
                            .asText())
                    .isEqualTo("Tool " + name);
            assertThat(api.get(TOOLS + "/" + name + "/versions?limit=1")
                            .send()
                            .json()
                            .path("versions")
                            .get(0)
                            .path("operation")
                            .asText())
                    .isEqualTo("rollback");
        }

        @Test
        void restoresADeletedTool() {
            api.delete(TOOLS + "/" + name).token(EDITOR).send();

            Api.Reply reply = api.post(TOOLS + "/" + name + "/rollback?version=2")
                    .token(ADMIN)
                    .send();

            assertThat(reply.status()).isEqualTo(200);
            assertThat(toolRows(name)).isOne();
            assertThat(api.get(TOOLS + "/" + name)
                            .send()
                            .json()
                            .path("description")
                            .asText())
                    .isEqualTo("second");
        }

        @Test
        void isNotFoundForAVersionThatDoesNotExist() {
            var before = database();
            assertProblem(
                    api.post(TOOLS + "/" + name + "/rollback?version=99")
                            .token(ADMIN)
                            .send(),
                    404);
            assertThat(database()).isEqualTo(before);
        }

        @Test
        void refusesAMissingVersion() {
            var before = database();
            assertBadRequest(
                    api.post(TOOLS + "/" + name + "/rollback").token(ADMIN).send(), "version", "required");
            assertThat(database()).isEqualTo(before);
        }

        @Test
        void refusesAVersionThatIsNotANumber() {
            var before = database();
            assertBadRequest(
                    api.post(TOOLS + "/" + name + "/rollback?version=latest")
                            .token(ADMIN)
                            .send(),
                    "version",
                    "'latest'");
            assertThat(database()).isEqualTo(before);
        }

        @Test
        void needsAnAdmin() {
            var before = database();
            assertProblem(
                    api.post(TOOLS + "/" + name + "/rollback?version=1")
                            .token(EDITOR)
                            .send(),
                    403);
            assertThat(database()).isEqualTo(before);
        }
    }
}
