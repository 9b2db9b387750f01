package io.toolcatalog.node.api;

import static io.toolcatalog.node.api.Problems.assertBadRequest;
import static io.toolcatalog.node.api.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code GET /tools} and {@code GET /tools/{name}}: filters, paging, ETags, the revision headers. */
class ToolReadIT extends ApiTestSupport {

    private List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.path("tools").forEach(t -> names.add(t.path("name").asText()));
        return names;
    }

    @Nested
    class Listing {

        @Test
        void filtersByCategoryTagEnabledAndText() {
            String category = unique("cat");
            String a = unique("alpha");
            String b = unique("beta");
            String c = unique("gamma");
            for (String[] t : new String[][] {{a, "finds text", "x"}, {b, "runs code", "y"}, {c, "finds files", "x"}}) {
                String body =
                        """
                        {"name": "%s", "description": "%s", "category": "%s", "tags": ["%s"]}
                        """
                                .formatted(t[0], t[1], category, t[2]);
                assertThat(api.post(TOOLS).token(EDITOR).json(body).send().status())
                        .isEqualTo(201);
            }
            api.patch(TOOLS + "/" + c + "/disable").token(EDITOR).send();

            assertThat(names(api.get(TOOLS + "?category=" + category).send().json()))
                    .containsExactly(a, b, c);
            assertThat(names(api.get(TOOLS + "?category=" + category + "&tag=x")
                            .send()
                            .json()))
                    .containsExactly(a, c);
            assertThat(names(api.get(TOOLS + "?category=" + category + "&enabled=false")
                            .send()
                            .json()))
                    .containsExactly(c);
            assertThat(names(api.get(TOOLS + "?category=" + category + "&q=FINDS")
                            .send()
                            .json()))
                    .containsExactly(a, c);
            assertThat(names(api.get(TOOLS + "?category=" + category + "&q=" + b.substring(0, 9))
                            .send()
                            .json()))
                    .containsExactly(b);
        }

        @Test
        void pagesWithLimitAndOffsetAndReportsTheTotalAndRevision() {
            String category = unique("page");
            List<String> created = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String name = "p" + i + "-" + category;
                api.post(TOOLS)
                        .token(EDITOR)
                        .json(
                                """
                        {"name": "%s", "description": "d", "category": "%s"}
                        """
                                        .formatted(name, category))
                        .send();
                created.add(name);
            }
            Api.Reply reply = api.get(TOOLS + "?category=" + category + "&limit=2&offset=1")
                    .send();

            assertThat(reply.status()).isEqualTo(200);
            assertThat(names(reply.json())).containsExactly(created.get(1), created.get(2));
            assertThat(reply.json().path("total").asInt()).isEqualTo(5);
            assertThat(reply.json().path("revision").asLong())
                    .isEqualTo(database().revision())
                    .isEqualTo(reply.revisionHeader());
        }

        @Test
        void showsEveryFieldOfATool() {
            String name = createTool(unique("shape"));
            JsonNode tool = api.get(TOOLS + "/" + name).send().json();

            assertThat(tool.path("name").asText()).isEqualTo(name);
            assertThat(tool.path("description").asText()).isEqualTo("Tool " + name);
            assertThat(tool.path("category").asText()).isEqualTo("search");
            assertThat(tool.path("tags").get(0).asText()).isEqualTo("text");
            assertThat(tool.path("enabled").asBoolean()).isTrue();
            JsonNode profile = tool.path("profiles").path("default");
            assertThat(profile.path("timeout_ms").asInt()).isEqualTo(5000);
            assertThat(profile.path("max_retries").asInt()).isEqualTo(2);
            assertThat(profile.path("cost_weight").asDouble()).isEqualTo(0.2);
            assertThat(profile.path("parameters").path("flags").asText()).isEqualTo("-n");
            assertThat(tool.path("version").asInt()).isEqualTo(1);
            assertThat(tool.path("revision").asLong()).isPositive();
            assertThat(tool.path("created_by").asText()).isEqualTo("editor");
            assertThat(tool.path("updated_by").asText()).isEqualTo("editor");
            assertThat(tool.path("created_at").asText()).endsWith("Z");
            assertThat(tool.path("updated_at").asText()).endsWith("Z");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(
                delimiter = '|',
                quoteCharacter = '"',
                textBlock =
                        """
                refusesALimitPastOneThousand            | limit=1001    | limit   | between 1 and 1000
                refusesANegativeOffset                  | offset=-1     | offset  | negative
                refusesALimitThatIsNotANumber           | limit=ten     | limit   | 'ten'
                refusesAnEnabledFilterThatIsNotABoolean | enabled=maybe | enabled | 'maybe'
                """)
        void refusesABadQuery(String behaviour, String query, String field, String detailPart) {
            assertBadRequest(api.get(TOOLS + "?" + query).send(), field, detailPart);
        }
    }

    @Nested
    class OneTool {

        @Test
        void carriesItsVersionAsETag() {
            String name = createTool(unique("etag"));
            Api.Reply reply = api.get(TOOLS + "/" + name).send();

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.header("ETag")).contains("\"1\"");
        }

        @Test
        void answersNotModifiedWhenIfNoneMatchNamesTheCurrentVersion() {
            String name = createTool(unique("etag"));
            Api.Reply reply =
                    api.get(TOOLS + "/" + name).header("If-None-Match", "\"1\"").send();

            assertThat(reply.status()).isEqualTo(304);
            assertThat(reply.body()).isEmpty();
            assertThat(reply.header("ETag")).contains("\"1\"");
            assertThat(reply.header("X-Catalog-Revision")).isPresent();
        }

        @Test
        void answersTheToolWhenIfNoneMatchNamesAnOlderVersion() {
            String name = createTool(unique("etag"));
            api.put(TOOLS + "/" + name)
                    .token(EDITOR)
                    .json("{\"description\": \"newer\"}")
                    .send();
            Api.Reply reply =
                    api.get(TOOLS + "/" + name).header("If-None-Match", "\"1\"").send();

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.header("ETag")).contains("\"2\"");
            assertThat(reply.json().path("description").asText()).isEqualTo("newer");
        }

        @Test
        void isNotFoundWhenUnknown() {
            Api.Reply reply = assertProblem(api.get(TOOLS + "/no-such-tool").send(), 404);
            assertThat(reply.json().path("detail").asText()).contains("no-such-tool");
        }
    }

    @Nested
    class RevisionHeaders {

        @Test
        void everyResponseCarriesTheAppliedRevision() {
            String name = createTool(unique("rev"));
            long revision = database().revision();

            assertThat(api.get(TOOLS + "/" + name).send().revisionHeader()).isEqualTo(revision);
            assertThat(api.get(TOOLS + "/absent").send().revisionHeader()).isEqualTo(revision);
            assertThat(api.get("/actuator/health").send().revisionHeader()).isEqualTo(revision);
        }

        @Test
        void aMutationAnswersWithTheRevisionItProduced() {
            String name = createTool(unique("rev"));
            Api.Reply reply = api.put(TOOLS + "/" + name)
                    .token(EDITOR)
                    .json("{\"description\": \"changed\"}")
                    .send();

            assertThat(reply.revisionHeader())
                    .isEqualTo(reply.json().path("revision").asLong())
                    .isEqualTo(database().revision());
        }

        @Test
        void aReadWithAReachedMinimumRevisionIsAnswered() {
            String name = createTool(unique("minrev"));
            long revision = database().revision();
            Api.Reply reply = api.get(TOOLS + "/" + name)
                    .header("X-Catalog-Min-Revision", String.valueOf(revision))
                    .send();

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.revisionHeader()).isGreaterThanOrEqualTo(revision);
        }

        @Test
        void aReadWithAMinimumRevisionNeverCommittedIsRefusedAtOnceWith409() {
            long beyond = database().revision() + 1000;
            Api.Reply reply = api.get(TOOLS)
                    .header("X-Catalog-Min-Revision", String.valueOf(beyond))
                    .send();

            assertProblem(reply, 409);
            assertThat(reply.json().path("detail").asText()).contains(String.valueOf(beyond), "never committed");
        }

        @Test
        void aMinimumRevisionThatIsNotANumberIsABadRequestNamingTheHeader() {
            assertBadRequest(
                    api.get(TOOLS).header("X-Catalog-Min-Revision", "latest").send(),
                    "X-Catalog-Min-Revision",
                    "'latest'");
        }
    }
}
