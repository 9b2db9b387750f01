package io.toolcatalog.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Input means what it says: a number or boolean where a string belongs, a key given twice, YAML
 * anchors, aliases and custom tags are each a 400 naming the field or the problem, and nothing is
 * written. YAML as large as the body limit is still read.
 */
class StrictInputIT extends ApiTestSupport {

    static final String IMPORT = TOOLS + "/import";

    @Nested
    class NonStringsWhereStringsBelong {

        @ParameterizedTest
        @ValueSource(strings = {"5", "true", "1.5"})
        void aToolsNameOnCreate(String value) {
            assertRefused(
                    api.post(TOOLS).token(EDITOR).json("{\"name\": " + value + ", \"description\": \"d\"}"),
                    "name",
                    "must be a string");
        }

        @ParameterizedTest
        @ValueSource(strings = {"description", "category", "created_by", "updated_by"})
        void everyTextFieldOnCreate(String field) {
            String name = unique("typed");
            assertRefused(
                    api.post(TOOLS).token(EDITOR).json("{\"name\": \"" + name + "\", \"" + field + "\": 5}"),
                    field,
                    "must be a string");
            assertThat(toolRows(name)).isZero();
        }

        @ParameterizedTest
        @ValueSource(strings = {"name", "description", "category", "updated_by", "created_by"})
        void everyTextFieldOnUpdate(String field) {
            String name = createTool(unique("typed"));
            assertRefused(
                    api.put(TOOLS + "/" + name).token(EDITOR).json("{\"" + field + "\": false}"),
                    field,
                    "must be a string");
            assertThat(api.get(TOOLS + "/" + name).send().json().path("version").asInt())
                    .isEqualTo(1);
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {"[\"text\", 5]|tags[1]", "[true]|tags[0]"})
        void aTag(String tags, String field) {
            assertRefused(
                    api.post(TOOLS).token(EDITOR).json("{\"name\": \"" + unique("tag") + "\", \"tags\": " + tags + "}"),
                    field,
                    "must be a string");
        }

        @ParameterizedTest
        @ValueSource(strings = {"name", "description", "category"})
        void aFieldOfAnImportedTool(String field) {
            String tool = field.equals("name")
                    ? "{\"name\": 7}"
                    : "{\"name\": \"" + unique("imp") + "\", \"" + field + "\": 7}";
            assertRefused(
                    api.post(IMPORT).token(ADMIN).json("{\"tools\": [" + tool + "]}"),
                    "tools[0]." + field,
                    "must be a string");
        }

        @ParameterizedTest
        @ValueSource(strings = {"tool_name", "reason", "triggered_by"})
        void aFieldOfTheWebhook(String field) throws Exception {
            String body = "{\"timestamp\": " + Instant.now().getEpochSecond() + ", \"" + field + "\": 12}";
            assertRefused(
                    api.post(WebhookIT.WEBHOOK)
                            .json(body)
                            .header("X-Catalog-Signature", WebhookIT.sign(WEBHOOK_SECRET, body)),
                    field,
                    "must be a string");
        }
    }

    @Nested
    class DuplicateKeys {

        @ParameterizedTest
        @ValueSource(strings = {"application/json", "application/yaml"})
        void areAnErrorNotLastWins(String type) {
            String name = unique("dup");
            String body = type.equals("application/json")
                    ? "{\"tools\": [{\"name\": \"" + name + "\", \"description\": \"a\", \"description\": \"b\"}]}"
                    : "tools:\n  - name: " + name + "\n    description: a\n    description: b\n";
            assertRefused(
                    api.post(IMPORT).token(ADMIN).body(body.getBytes(StandardCharsets.UTF_8), type),
                    "body",
                    "description");
        }

        @Test
        void inACreate() {
            assertRefused(
                    api.post(TOOLS).token(EDITOR).json("{\"name\": \"a-dup\", \"name\": \"b-dup\"}"), "body", "name");
        }
    }

    @Nested
    class PlainYaml {

        private Api.Call yaml(String body) {
            return api.post(IMPORT).token(ADMIN).body(body.getBytes(StandardCharsets.UTF_8), "application/yaml");
        }

        @Test
        void refusesAnAlias() {
            String a = unique("anch");
            String b = unique("alias");
            assertRefused(
                    yaml("tools:\n  - name: " + a + "\n    description: &d shared\n  - name: " + b
                            + "\n    description: *d\n"),
                    "body",
                    "not allowed");
            assertThat(toolRows(a) + toolRows(b)).isZero();
        }

        @Test
        void refusesAMergedAnchor() {
            assertRefused(
                    yaml("base: &b {category: x}\ntools:\n  - <<: *b\n    name: " + unique("m") + "\n"),
                    "body",
                    "not allowed");
        }

        @Test
        void refusesACustomTag() {
            assertRefused(
                    yaml("tools:\n  - name: " + unique("tag") + "\n    description: !custom d\n"), "body", "tags");
        }

        @Test
        void readsYamlUpToTheBodyLimitPastSnakeYamlsDefault() {
            StringBuilder body = new StringBuilder("tools:\n");
            String filler = "x".repeat(3900);
            String prefix = unique("big");
            for (int i = 0; i < 900; i++) {
                body.append("  - name: ")
                        .append(prefix)
                        .append('-')
                        .append(i)
                        .append("\n    description: ")
                        .append(filler)
                        .append('\n');
            }
            assertThat(body.length()).isBetween(3_200_000, 5_000_000);

            Api.Reply reply = api.post(IMPORT + "?dry_run=true")
                    .token(ADMIN)
                    .body(body.toString().getBytes(StandardCharsets.UTF_8), "application/yaml")
                    .send();

            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(reply.json().path("created").asInt()).isEqualTo(900);
        }
    }
}
