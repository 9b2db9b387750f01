package io.toolcatalog.node.api;

import static io.toolcatalog.node.api.Problems.assertBadRequest;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fields the server owns are refused in a create or an update like unknown fields, naming the
 * field, whatever their value, and nothing is written; the inputs the API names (a create's
 * created_by, an update's updated_by and version) still work. An import takes the export's shape,
 * so it accepts them, but only with the export's types.
 */
class ReadOnlyFieldsIT extends ApiTestSupport {

    static final String IMPORT = TOOLS + "/import";

    private void assertRefused(Api.Call call, String field) {
        assertRefused(call, field, "");
    }

    @Nested
    class OnCreate {

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "revision|\"r\"",
                    "revision|41",
                    "version|3",
                    "created_at|\"2024-01-01T00:00:00Z\"",
                    "updated_at|12",
                    "updated_at|null"
                })
        void refusesAServerOwnedField(String field, String value) {
            String name = unique("ro");
            assertRefused(
                    api.post(TOOLS)
                            .token(EDITOR)
                            .json("{\"name\": \"" + name + "\", \"description\": \"d\", \"" + field + "\": " + value
                                    + "}"),
                    field);
            assertThat(toolRows(name)).isZero();
        }

        @Test
        void stillTakesCreatedByAsTheAuthor() {
            String name = unique("author");
            Api.Reply reply = api.post(TOOLS)
                    .token(EDITOR)
                    .json("{\"name\": \"" + name + "\", \"description\": \"d\", \"created_by\": \"alice\"}")
                    .send();

            assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
            assertThat(reply.json().path("created_by").asText()).isEqualTo("alice");
        }
    }

    @Nested
    class OnUpdate {

        private String name;

        @BeforeEach
        void tool() {
            name = createTool(unique("ro-up"));
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "revision|1",
                    "created_at|\"2001-01-01T00:00:00Z\"",
                    "updated_at|\"2001-01-01T00:00:00Z\"",
                    "created_by|\"mallory\""
                })
        void refusesAServerOwnedField(String field, String value) {
            assertRefused(
                    api.put(TOOLS + "/" + name)
                            .token(EDITOR)
                            .json("{\"description\": \"x\", \"" + field + "\": " + value + "}"),
                    field);
        }

        @Test
        void stillTakesUpdatedByAndAVersion() {
            Api.Reply reply = api.put(TOOLS + "/" + name)
                    .token(EDITOR)
                    .json("{\"description\": \"x\", \"updated_by\": \"test_user\", \"version\": 1}")
                    .send();

            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            assertThat(reply.json().path("updated_by").asText()).isEqualTo("test_user");
            assertThat(reply.json().path("version").asInt()).isEqualTo(2);
        }
    }

    @Nested
    class OnImport {

        private Api.Call importing(String toolFields) {
            return api.post(IMPORT)
                    .token(ADMIN)
                    .json("{\"tools\": [{\"name\": \"" + unique("imp") + "\", \"description\": \"d\"" + toolFields
                            + "}]}");
        }

        @Test
        void acceptsAnExportAsItIs() {
            String name = createTool(unique("round"));
            String export = api.get(TOOLS + "/export").send().body();

            Api.Reply reply =
                    api.post(IMPORT + "?dry_run=true").token(ADMIN).json(export).send();

            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            assertThat(export).contains(name, "\"created_at\"", "\"revision\"");
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "revision|\"r\"",
                    "revision|-1",
                    "revision|1.5",
                    "version|\"3\"",
                    "version|0",
                    "created_at|5",
                    "created_at|\"yesterday\"",
                    "updated_at|true",
                    "created_by|7"
                })
        void refusesAServerOwnedFieldOfTheWrongType(String field, String value) {
            assertRefused(importing(", \"" + field + "\": " + value), "tools[0]." + field);
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"revision\": \"r\"", "\"exported_at\": 5"})
        void refusesAnExportHeaderOfTheWrongType(String header) {
            DatabaseState before = database();
            Api.Reply reply = api.post(IMPORT)
                    .token(ADMIN)
                    .json("{" + header + ", \"tools\": [{\"name\": \"" + unique("hdr") + "\"}]}")
                    .send();

            assertBadRequest(reply, header.substring(1, header.indexOf('"', 1)), "");
            assertThat(database()).isEqualTo(before);
        }
    }
}
