package io.toolcatalog.node.api;

import static io.toolcatalog.node.api.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Update, delete, enable and disable, and every way their input can be wrong ({@link ToolCreateIT}:
 * create). Each refused request is checked against the database: nothing was written.
 */
class ToolWriteIT extends ApiTestSupport {

    @Nested
    class Update {

        String name;

        @BeforeEach
        void createOne() {
            name = createTool(unique("upd"));
        }

        @Test
        void changesOnlyTheFieldsSentAsTheSeedDoes() {
            Api.Reply reply = api.put(TOOLS + "/" + name)
                    .token(EDITOR)
                    .json("{\"description\": \"Search text using patterns (UPDATED)\", \"updated_by\": \"test_user\"}")
                    .send();

            assertThat(reply.status()).isEqualTo(200);
            JsonNode tool = api.get(TOOLS + "/" + name).send().json();
            assertThat(tool.path("description").asText()).isEqualTo("Search text using patterns (UPDATED)");
            assertThat(tool.path("updated_by").asText()).isEqualTo("test_user");
            assertThat(tool.path("created_by").asText()).isEqualTo("editor");
            assertThat(tool.path("category").asText()).isEqualTo("search");
            assertThat(tool.path("tags").get(0).asText()).isEqualTo("text");
            assertThat(tool.path("profiles").path("default").path("timeout_ms").asInt())
                    .isEqualTo(5000);
            assertThat(tool.path("version").asInt()).isEqualTo(2);
        }

        @Test
        void honoursAnIfMatchOfTheCurrentVersion() {
            Api.Reply reply = api.put(TOOLS + "/" + name)
                    .token(EDITOR)
                    .header("If-Match", "\"1\"")
                    .json("{\"category\": \"code\"}")
                    .send();

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.header("ETag")).contains("\"2\"");
        }

        @Test
        void refusesAStaleIfMatchWith412AndWritesNothing() {
            toVersionTwo(name);
            var before = database();

            Api.Reply reply = api.put(TOOLS + "/" + name)
                    .token(EDITOR)
                    .header("If-Match", "\"1\"")
                    .json("{\"category\": \"lost\"}")
                    .send();

            assertProblem(reply, 412);
            assertThat(reply.json().path("detail").asText()).contains("version 2, not 1");
            assertThat(database()).isEqualTo(before);
            assertThat(api.get(TOOLS + "/" + name)
                            .send()
                            .json()
                            .path("category")
                            .asText())
                    .isEqualTo("v2");
        }

        @Test
        void treatsAVersionInTheBodyAsIfMatch() {
            toVersionTwo(name);
            var before = database();

            assertProblem(
                    api.put(TOOLS + "/" + name)
                            .token(EDITOR)
                            .json("{\"category\": \"lost\", \"version\": 1}")
                            .send(),
                    412);
            assertThat(database()).isEqualTo(before);
            assertThat(api.put(TOOLS + "/" + name)
                            .token(EDITOR)
                            .json("{\"category\": \"kept\", \"version\": 2}")
                            .send()
                            .status())
                    .isEqualTo(200);
        }

        @Test
        void refusesAnIfMatchThatIsNotAVersion() {
            assertRefused(
                    update(name).header("If-Match", "\"abc\"").json("{\"category\": \"x\"}"),
                    "If-Match",
                    "not a tool version");
        }

        @Test
        void refusesABodyNameOtherThanThePath() {
            assertRefused(
                    update(name).json("{\"name\": \"other\", \"description\": \"x\"}"), "name", "cannot be changed");
        }

        @Test
        void refusesAWrongTypeNamingTheField() {
            assertRefused(update(name).json("{\"description\": [\"x\"]}"), "description", "must be a string");
        }

        @Test
        void isNotFoundForAnUnknownTool() {
            assertProblemWritingNothing(update(unique("ghost")).json("{\"description\": \"x\"}"), 404);
        }
    }

    @Nested
    class Delete {

        @Test
        void deletesAndAnswersNameDeletedAndRevision() {
            String name = createTool(unique("del"));
            Api.Reply reply = api.delete(TOOLS + "/" + name).token(EDITOR).send();

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().path("name").asText()).isEqualTo(name);
            assertThat(reply.json().path("deleted").asBoolean()).isTrue();
            assertThat(reply.json().path("revision").asLong())
                    .isEqualTo(database().revision());
            assertThat(toolRows(name)).isZero();
            assertProblem(api.get(TOOLS + "/" + name).send(), 404);
        }

        @Test
        void refusesAStaleIfMatch() {
            String name = createTool(unique("del"));
            toVersionTwo(name);

            assertProblemWritingNothing(
                    api.delete(TOOLS + "/" + name).token(EDITOR).header("If-Match", "\"1\""), 412);
            assertThat(toolRows(name)).isOne();
        }

        @Test
        void isNotFoundForAnUnknownTool() {
            assertProblemWritingNothing(
                    api.delete(TOOLS + "/" + unique("ghost")).token(EDITOR), 404);
        }
    }

    @Nested
    class EnableAndDisable {

        @Test
        void disablesAndEnablesAgain() {
            String name = createTool(unique("toggle"));

            Api.Reply disabled =
                    api.patch(TOOLS + "/" + name + "/disable").token(EDITOR).send();
            assertThat(disabled.status()).isEqualTo(200);
            assertThat(disabled.json().path("enabled").asBoolean()).isFalse();
            assertThat(jdbc.queryForObject("SELECT enabled FROM tools WHERE name = ?", Boolean.class, name))
                    .isFalse();

            Api.Reply enabled =
                    api.patch(TOOLS + "/" + name + "/enable").token(EDITOR).send();
            assertThat(enabled.json().path("enabled").asBoolean()).isTrue();
            assertThat(enabled.json().path("version").asInt()).isEqualTo(3);
        }

        @Test
        void leavesAToolAlreadyInThatStateAlone() {
            String name = createTool(unique("toggle"));
            var before = database();

            Api.Reply reply =
                    api.patch(TOOLS + "/" + name + "/enable").token(EDITOR).send();

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().path("version").asInt()).isEqualTo(1);
            assertThat(database()).isEqualTo(before);
        }

        @Test
        void refusesAStaleIfMatch() {
            String name = createTool(unique("toggle"));
            toVersionTwo(name);

            assertProblemWritingNothing(
                    api.patch(TOOLS + "/" + name + "/disable").token(EDITOR).header("If-Match", "\"1\""), 412);
        }
    }

    /** A PUT to tool {@code name}, as an editor. */
    private Api.Call update(String name) {
        return api.put(TOOLS + "/" + name).token(EDITOR);
    }

    /** Version 2 of {@code name} (category "v2"), so an If-Match of 1 is stale. */
    private void toVersionTwo(String name) {
        update(name).json("{\"category\": \"v2\"}").send();
    }
}
