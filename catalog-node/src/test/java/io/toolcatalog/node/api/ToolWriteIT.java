package io.toolcatalog.node.api;

import static io.toolcatalog.node.api.Problems.assertBadRequest;
import static io.toolcatalog.node.api.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Create, update, delete, enable and disable, and every way their input can be wrong. Each refused
 * request is checked against the database: nothing was written.
 */
class ToolWriteIT extends ApiTestSupport {

    @Nested
    class Create {

        @Test
        void createsAndAnswers201WithLocationAndETag() {
            String name = unique("new");
            Api.Reply reply =
                    api.post(TOOLS).token(EDITOR).json(toolJson(name, "Search")).send();

            assertThat(reply.status()).isEqualTo(201);
            assertThat(reply.header("Location"))
                    .hasValueSatisfying(l -> assertThat(l).endsWith(TOOLS + "/" + name));
            assertThat(reply.header("ETag")).contains("\"1\"");
            assertThat(reply.json().path("revision").asLong())
                    .isEqualTo(database().revision());
            assertThat(toolRows(name)).isOne();
            assertThat(api.get(TOOLS + "/" + name).send().status()).isEqualTo(200);
        }

        @Test
        void recordsCreatedByAsAuthorAndThePrincipalInTheChangeLog() {
            String name = unique("author");
            api.post(TOOLS)
                    .token(EDITOR)
                    .json("{\"name\": \"%s\", \"description\": \"d\", \"created_by\": \"alice\"}".formatted(name))
                    .send();

            assertThat(api.get(TOOLS + "/" + name)
                            .send()
                            .json()
                            .path("created_by")
                            .asText())
                    .isEqualTo("alice");
            assertThat(jdbc.queryForMap(
                            "SELECT triggered_by, principal FROM catalog_changes WHERE ? = ANY(tool_names)", name))
                    .containsEntry("triggered_by", "alice")
                    .containsEntry("principal", "editor");
        }

        @Test
        void refusesANameThatExists() {
            String name = createTool(unique("dup"));
            var before = database();

            Api.Reply reply =
                    api.post(TOOLS).token(EDITOR).json(toolJson(name, "again")).send();

            assertProblem(reply, 409);
            assertThat(database()).isEqualTo(before);
        }

        @Test
        void refusesANameAgainstThePattern() {
            assertRefused(toolJson("Bad Name!", "d"), "name", "does not match");
        }

        @Test
        void refusesAReservedName() {
            assertRefused(toolJson("export", "d"), "name", "reserved");
        }

        @Test
        void refusesAMissingDescription() {
            assertRefused("{\"name\": \"%s\"}".formatted(unique("nodesc")), "description", "required");
        }

        @Test
        void refusesATooLongDescription() {
            assertRefused(toolJson(unique("long"), "x".repeat(4001)), "description", "longer than 4000");
        }

        @Test
        void refusesTooManyTags() {
            StringBuilder tags = new StringBuilder();
            for (int i = 0; i < 33; i++) {
                tags.append(i == 0 ? "" : ",").append("\"t").append(i).append('"');
            }
            String body = "{\"name\": \"%s\", \"description\": \"d\", \"tags\": [%s]}".formatted(unique("tags"), tags);
            assertRefused(body, "tags", "more than 32 tags");
        }

        @Test
        void refusesAnEmptyTagNamingItsIndex() {
            String body =
                    "{\"name\": \"%s\", \"description\": \"d\", \"tags\": [\"ok\", \"\"]}".formatted(unique("tag"));
            assertRefused(body, "tags[1]", "1 to 64 characters");
        }

        @Test
        void refusesAnOutOfRangeProfileValueNamingItsPath() {
            String body =
                    """
                    {"name": "%s", "description": "d", "profiles": {"fast": {"timeout_ms": 0}}}
                    """
                            .formatted(unique("prof"));
            assertRefused(body, "profiles.fast.timeout_ms", "between 1 and 3600000");
        }

        @Test
        void refusesAWrongTypeNamingItsPath() {
            String body =
                    """
                    {"name": "%s", "description": "d", "profiles": {"fast": {"timeout_ms": "soon"}}}
                    """
                            .formatted(unique("type"));
            assertRefused(body, "profiles.fast.timeout_ms", "must be an integer");
        }

        @Test
        void refusesAStringWhereABooleanBelongs() {
            String body = "{\"name\": \"%s\", \"description\": \"d\", \"enabled\": \"yes\"}".formatted(unique("bool"));
            assertRefused(body, "enabled", "true or false");
        }

        @Test
        void refusesAnObjectWhereAListBelongs() {
            String body = "{\"name\": \"%s\", \"description\": \"d\", \"tags\": {\"a\": 1}}".formatted(unique("list"));
            assertRefused(body, "tags", "must be an array");
        }

        @Test
        void refusesAnUnknownFieldNamingIt() {
            String body = "{\"name\": \"%s\", \"description\": \"d\", \"colour\": \"red\"}".formatted(unique("unk"));
            assertRefused(body, "colour", "unknown field 'colour'");
        }

        @Test
        void refusesAnUnknownProfileFieldNamingItsPath() {
            String body =
                    """
                    {"name": "%s", "description": "d", "profiles": {"fast": {"timeout": 5}}}
                    """
                            .formatted(unique("unkp"));
            assertRefused(body, "profiles.fast.timeout", "unknown field 'timeout'");
        }

        @Test
        void refusesMalformedJson() {
            assertRefused("{\"name\": \"broken\", ", "body", "not well-formed");
        }

        @Test
        void refusesAMissingBody() {
            var before = database();
            Api.Reply reply = api.post(TOOLS)
                    .token(EDITOR)
                    .header("Content-Type", "application/json")
                    .send();
            assertBadRequest(reply, "body", "required");
            assertThat(database()).isEqualTo(before);
        }

        @Test
        void refusesABodyThatIsNotJson() {
            var before = database();
            Api.Reply reply = api.post(TOOLS)
                    .token(EDITOR)
                    .body("name=grep".getBytes(), "text/plain")
                    .send();
            assertProblem(reply, 415);
            assertThat(database()).isEqualTo(before);
        }

        private void assertRefused(String body, String field, String detail) {
            var before = database();
            assertBadRequest(api.post(TOOLS).token(EDITOR).json(body).send(), field, detail);
            assertThat(database()).isEqualTo(before);
        }
    }

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
            api.put(TOOLS + "/" + name)
                    .token(EDITOR)
                    .json("{\"category\": \"v2\"}")
                    .send();
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
            api.put(TOOLS + "/" + name)
                    .token(EDITOR)
                    .json("{\"category\": \"v2\"}")
                    .send();
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
            var before = database();
            assertBadRequest(
                    api.put(TOOLS + "/" + name)
                            .token(EDITOR)
                            .header("If-Match", "\"abc\"")
                            .json("{\"category\": \"x\"}")
                            .send(),
                    "If-Match",
                    "not a tool version");
            assertThat(database()).isEqualTo(before);
        }

        @Test
        void refusesABodyNameOtherThanThePath() {
            var before = database();
            assertBadRequest(
                    api.put(TOOLS + "/" + name)
                            .token(EDITOR)
                            .json("{\"name\": \"other\", \"description\": \"x\"}")
                            .send(),
                    "name",
                    "cannot be changed");
            assertThat(database()).isEqualTo(before);
        }

        @Test
        void refusesAWrongTypeNamingTheField() {
            var before = database();
            assertBadRequest(
                    api.put(TOOLS + "/" + name)
                            .token(EDITOR)
                            .json("{\"description\": [\"x\"]}")
                            .send(),
                    "description",
                    "must be a string");
            assertThat(database()).isEqualTo(before);
        }

        @Test
        void isNotFoundForAnUnknownTool() {
            var before = database();
            assertProblem(
                    api.put(TOOLS + "/" + unique("ghost"))
                            .token(EDITOR)
                            .json("{\"description\": \"x\"}")
                            .send(),
                    404);
            assertThat(database()).isEqualTo(before);
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
            api.put(TOOLS + "/" + name)
                    .token(EDITOR)
                    .json("{\"category\": \"v2\"}")
                    .send();
            var before = database();

            assertProblem(
                    api.delete(TOOLS + "/" + name)
                            .token(EDITOR)
                            .header("If-Match", "\"1\"")
                            .send(),
                    412);
            assertThat(database()).isEqualTo(before);
            assertThat(toolRows(name)).isOne();
        }

        @Test
        void isNotFoundForAnUnknownTool() {
            var before = database();
            assertProblem(
                    api.delete(TOOLS + "/" + unique("ghost")).token(EDITOR).send(), 404);
            assertThat(database()).isEqualTo(before);
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
            api.put(TOOLS + "/" + name)
                    .token(EDITOR)
                    .json("{\"category\": \"v2\"}")
                    .send();
            var before = database();

            assertProblem(
                    api.patch(TOOLS + "/" + name + "/disable")
                            .token(EDITOR)
                            .header("If-Match", "\"1\"")
                            .send(),
                    412);
            assertThat(database()).isEqualTo(before);
        }
    }
}
