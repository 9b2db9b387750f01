package io.toolcatalog.node.api;

import static io.toolcatalog.node.api.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Bulk import (JSON, YAML, merge, replace, dry run) and export; an import is all or nothing. */
class ToolImportExportIT extends ApiTestSupport {

    static final String IMPORT = TOOLS + "/import";

    private static String importOf(String... tools) {
        return "{\"tools\": [" + String.join(",", tools) + "]}";
    }

    private static String tool(String name, String description) {
        return "{\"name\": \"%s\", \"description\": \"%s\"}".formatted(name, description);
    }

    @Nested
    class Merge {

        @Test
        void createsUpdatesAndLeavesUnchangedInOneRevision() {
            String kept = createTool(unique("kept"));
            String changed = createTool(unique("changed"));
            String fresh = unique("fresh");
            String same = api.get(TOOLS + "/" + kept).send().body();
            long before = database().revision();

            Api.Reply reply = api.post(IMPORT)
                    .token(ADMIN)
                    .json(importOf(same, tool(changed, "new text"), tool(fresh, "brand new")))
                    .send();

            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            JsonNode result = reply.json();
            assertThat(result.path("imported").asInt()).isEqualTo(3);
            assertThat(result.path("created").asInt()).isEqualTo(1);
            assertThat(result.path("updated").asInt()).isEqualTo(1);
            assertThat(result.path("unchanged").asInt()).isEqualTo(1);
            assertThat(result.path("deleted").asInt()).isZero();
            assertThat(result.path("dry_run").asBoolean()).isFalse();
            assertThat(result.path("revision").asLong())
                    .isEqualTo(before + 1)
                    .isEqualTo(database().revision());
            assertThat(api.get(TOOLS + "/" + changed)
                            .send()
                            .json()
                            .path("description")
                            .asText())
                    .isEqualTo("new text");
            assertThat(api.get(TOOLS + "/" + fresh).send().status()).isEqualTo(200);
            assertThat(api.get(TOOLS + "/" + kept).send().json().path("version").asInt())
                    .isEqualTo(1);
        }

        @Test
        void acceptsYamlWithEachYamlContentType() {
            for (String type : new String[] {"application/yaml", "application/x-yaml", "text/yaml"}) {
                String name = unique("yaml");
                String yaml =
                        """
                        tools:
                          - name: %s
                            description: From YAML
                            tags: [a, b]
                            profiles:
                              default:
                                timeout_ms: 1500
                        """
                                .formatted(name);
                Api.Reply reply = api.post(IMPORT)
                        .token(ADMIN)
                        .body(yaml.getBytes(StandardCharsets.UTF_8), type)
                        .send();

                assertThat(reply.status()).as(type + " " + reply).isEqualTo(200);
                JsonNode tool = api.get(TOOLS + "/" + name).send().json();
                assertThat(tool.path("profiles")
                                .path("default")
                                .path("timeout_ms")
                                .asInt())
                        .isEqualTo(1500);
                assertThat(tool.path("tags")).hasSize(2);
            }
        }

        @Test
        void aDryRunReportsWithoutWriting() {
            String fresh = unique("dry");
            var before = database();

            Api.Reply reply = api.post(IMPORT + "?dry_run=true")
                    .token(ADMIN)
                    .json(importOf(tool(fresh, "d")))
                    .send();

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().path("created").asInt()).isEqualTo(1);
            assertThat(reply.json().path("dry_run").asBoolean()).isTrue();
            assertThat(reply.json().path("revision").asLong()).isEqualTo(before.revision());
            assertThat(database()).isEqualTo(before);
        }
    }

    @Nested
    class Replace {

        @Test
        void deletesEveryToolNotImported() {
            createTool(unique("doomed"));
            String survivor = unique("survivor");
            long others = database().tools();

            Api.Reply reply = api.post(IMPORT + "?mode=replace")
                    .token(ADMIN)
                    .json(importOf(tool(survivor, "only one left")))
                    .send();

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().path("deleted").asLong()).isEqualTo(others);
            assertThat(database().tools()).isOne();
            assertThat(toolRows(survivor)).isOne();
        }
    }

    @Nested
    class Refused {

        @Test
        void aModeOtherThanMergeOrReplace() {
            assertRefused(
                    api.post(IMPORT + "?mode=upsert").token(ADMIN).json(importOf(tool(unique("m"), "d"))),
                    "mode",
                    "'upsert'");
        }

        @Test
        void aDryRunThatIsNotABoolean() {
            assertRefused(api.post(IMPORT + "?dry_run=perhaps").token(ADMIN).json(importOf()), "dry_run", "'perhaps'");
        }

        @Test
        void duplicateNamesNamingTheSecond() {
            String name = unique("twice");
            assertRefused(
                    api.post(IMPORT).token(ADMIN).json(importOf(tool(name, "a"), tool(name, "b"))),
                    "tools[1].name",
                    "more than once");
        }

        @Test
        void anInvalidToolNamingItsIndexAndNothingOfTheRestIsWritten() {
            String good = unique("good");
            String bad =
                    """
                    {"name": "%s", "description": "d", "profiles": {"default": {"max_retries": 1000}}}
                    """
                            .formatted(unique("bad"));
            assertRefused(
                    api.post(IMPORT).token(ADMIN).json(importOf(tool(good, "fine"), tool(unique("ok"), "fine"), bad)),
                    "tools[2].profiles.default.max_retries",
                    "between 0 and 100");
            assertThat(toolRows(good)).isZero();
        }

        @Test
        void aWrongTypeDeepInsideNamingItsPath() {
            String bad =
                    """
                    {"name": "%s", "description": "d", "profiles": {"default": {"timeout_ms": "slow"}}}
                    """
                            .formatted(unique("bad"));
            assertRefused(
                    api.post(IMPORT)
                            .token(ADMIN)
                            .json(importOf(
                                    tool(unique("a"), "a"), tool(unique("b"), "b"), tool(unique("c"), "c"), bad)),
                    "tools[3].profiles.default.timeout_ms",
                    "must be an integer");
        }

        @Test
        void anUnknownFieldNamingIt() {
            assertRefused(
                    api.post(IMPORT).token(ADMIN).json("{\"tools\": [], \"version\": 3}"),
                    "version",
                    "unknown field 'version'");
        }

        @Test
        void anUnknownFieldInATool() {
            assertRefused(
                    api.post(IMPORT)
                            .token(ADMIN)
                            .json("{\"tools\": [{\"name\": \"x1\", \"description\": \"d\", \"owner\": \"me\"}]}"),
                    "tools[0].owner",
                    "unknown field 'owner'");
        }

        @Test
        void malformedYaml() {
            String yaml = "tools:\n  - name: \"unterminated\n    description: x\n";
            assertRefused(
                    api.post(IMPORT).token(ADMIN).body(yaml.getBytes(StandardCharsets.UTF_8), "application/yaml"),
                    "body",
                    "not well-formed");
        }

        @Test
        void yamlWithAWrongType() {
            String yaml = "tools:\n  - name: y1\n    description: x\n    enabled: sometimes\n";
            assertRefused(
                    api.post(IMPORT).token(ADMIN).body(yaml.getBytes(StandardCharsets.UTF_8), "application/x-yaml"),
                    "tools[0].enabled",
                    "true or false");
        }

        @Test
        void malformedJson() {
            assertRefused(api.post(IMPORT).token(ADMIN).json("{\"tools\": [{]}"), "body", "not well-formed");
        }

        @Test
        void aBodyWithoutTools() {
            assertRefused(api.post(IMPORT).token(ADMIN).json("{}"), "tools", "required");
        }

        @Test
        void anUnsupportedContentType() {
            var before = database();
            assertProblem(
                    api.post(IMPORT)
                            .token(ADMIN)
                            .body("a,b".getBytes(), "text/csv")
                            .send(),
                    415);
            assertThat(database()).isEqualTo(before);
        }

        @Test
        void anEditorToken() {
            var before = database();
            assertProblem(
                    api.post(IMPORT)
                            .token(EDITOR)
                            .json(importOf(tool(unique("e"), "d")))
                            .send(),
                    403);
            assertThat(database()).isEqualTo(before);
        }
    }

    @Nested
    class Export {

        @Test
        void exportsTheWholeCatalogAsJsonByDefault() {
            String name = createTool(unique("exp"));
            Api.Reply reply = api.get(TOOLS + "/export").send();

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.contentType()).startsWith("application/json");
            JsonNode export = reply.json();
            assertThat(export.path("revision").asLong()).isEqualTo(database().revision());
            assertThat(export.path("exported_at").asText()).endsWith("Z");
            assertThat(export.path("tools")).hasSize((int) database().tools());
            assertThat(export.path("tools").findValuesAsText("name")).contains(name);
        }

        @Test
        void exportsYamlWhenAcceptAsksForIt() {
            String name = createTool(unique("expy"));
            Api.Reply reply = api.get(TOOLS + "/export")
                    .header("Accept", "application/yaml")
                    .send();

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.contentType()).startsWith("application/yaml");
            assertThat(reply.body()).contains("exported_at:").contains("name: \"" + name + "\"");
        }

        @Test
        void anExportImportsBackUnchangedInBothFormats() {
            createTool(unique("round"));
            api.post(TOOLS)
                    .token(EDITOR)
                    .json(tool(unique("bare"), "no category, tags or profiles"))
                    .send();
            var before = database();
            for (String type : new String[] {"application/json", "application/yaml"}) {
                byte[] export = api.get(TOOLS + "/export")
                        .header("Accept", type)
                        .send()
                        .body()
                        .getBytes(StandardCharsets.UTF_8);

                Api.Reply reply =
                        api.post(IMPORT).token(ADMIN).body(export, type).send();

                assertThat(reply.status()).as(type + " " + reply).isEqualTo(200);
                assertThat(reply.json().path("unchanged").asLong()).isEqualTo(before.tools());
                assertThat(reply.json().path("created").asInt()).isZero();
                assertThat(reply.json().path("updated").asInt()).isZero();
                assertThat(reply.json().path("revision").asLong()).isEqualTo(before.revision());
            }
            assertThat(database().tools()).isEqualTo(before.tools());
            assertThat(database()).isEqualTo(before);
        }

        @Test
        void isNotAcceptableWhenAcceptAllowsNeitherFormat() {
            Api.Reply reply =
                    api.get(TOOLS + "/export").header("Accept", "text/csv").send();
            assertProblem(reply, 406);
        }
    }
}
