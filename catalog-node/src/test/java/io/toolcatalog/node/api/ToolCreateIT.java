package io.toolcatalog.node.api;

import static io.toolcatalog.node.api.Problems.assertBadRequest;
import static io.toolcatalog.node.api.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Create, and every way its input can be wrong. Each refused request is checked against the
 * database: nothing was written.
 */
class ToolCreateIT extends ApiTestSupport {

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
            ToolCreateIT.this.assertRefused(api.post(TOOLS).token(EDITOR).json(body), field, detail);
        }
    }
}
