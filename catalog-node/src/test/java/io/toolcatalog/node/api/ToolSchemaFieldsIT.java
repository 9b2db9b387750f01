package io.toolcatalog.node.api;

import static io.toolcatalog.node.api.Problems.assertBadRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** A tool's {@code input_schema} and {@code output_schema}: checked, stored, shown, exported, imported. */
class ToolSchemaFieldsIT extends ApiTestSupport {

    private static final String INPUT =
            "{\"type\": \"object\", \"required\": [\"pattern\"], \"properties\": {\"pattern\": {\"type\": \"string\"}}}";

    private static String withSchemas(String name) {
        return """
                {"name": "%s", "description": "d", "input_schema": %s, "output_schema": {"type": "array"}}
                """
                .formatted(name, INPUT);
    }

    @Test
    void storesAndShowsBothSchemas() {
        String name = unique("io");
        assertThat(api.post(TOOLS).token(EDITOR).json(withSchemas(name)).send().status())
                .isEqualTo(201);

        JsonNode tool = api.get(TOOLS + "/" + name).send().json();

        assertThat(tool.path("input_schema").path("required").get(0).asText()).isEqualTo("pattern");
        assertThat(tool.path("output_schema").path("type").asText()).isEqualTo("array");
    }

    @Test
    void aToolWithoutSchemasShowsNoSchemaFields() {
        String name = createTool(unique("plain"));
        JsonNode tool = api.get(TOOLS + "/" + name).send().json();
        assertThat(tool.has("input_schema")).isFalse();
        assertThat(tool.has("output_schema")).isFalse();
    }

    @Test
    void refusesAnInputSchemaThatIsNotAJsonSchema() {
        var before = database();
        Api.Reply reply = api.post(TOOLS)
                .token(EDITOR)
                .json("{\"name\": \"%s\", \"description\": \"d\", \"input_schema\": {\"minLength\": -1}}"
                        .formatted(unique("bad")))
                .send();
        assertBadRequest(reply, "input_schema.minLength", "JSON Schema");
        assertThat(database()).isEqualTo(before);
    }

    @Test
    void anUpdateWithNullRemovesASchemaAndOneWithoutItKeepsIt() {
        String name = unique("rm");
        api.post(TOOLS).token(EDITOR).json(withSchemas(name)).send();

        api.put(TOOLS + "/" + name)
                .token(EDITOR)
                .json("{\"description\": \"d2\"}")
                .send();
        assertThat(api.get(TOOLS + "/" + name).send().json().has("input_schema"))
                .isTrue();

        api.put(TOOLS + "/" + name)
                .token(EDITOR)
                .json("{\"input_schema\": null}")
                .send();
        JsonNode tool = api.get(TOOLS + "/" + name).send().json();
        assertThat(tool.has("input_schema")).isFalse();
        assertThat(tool.has("output_schema")).isTrue();
    }

    @Test
    void roundTripsThroughExportAndImport() {
        String name = unique("trip");
        api.post(TOOLS).token(EDITOR).json(withSchemas(name)).send();
        JsonNode original = api.get(TOOLS + "/" + name).send().json();
        JsonNode exported = api.get(TOOLS + "/export").send().json();
        JsonNode entry = null;
        for (JsonNode tool : exported.path("tools")) {
            if (tool.path("name").asText().equals(name)) {
                entry = tool;
            }
        }
        assertThat(entry).isNotNull();
        api.delete(TOOLS + "/" + name).token(EDITOR).send();

        Api.Reply imported = api.post(TOOLS + "/import")
                .token(ADMIN)
                .json("{\"tools\": [" + entry + "]}")
                .send();

        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        JsonNode back = api.get(TOOLS + "/" + name).send().json();
        assertThat(back.path("input_schema")).isEqualTo(original.path("input_schema"));
        assertThat(back.path("output_schema")).isEqualTo(original.path("output_schema"));
    }

    @Test
    void rollbackRestoresTheSchemasOfTheVersion() {
        String name = unique("back");
        api.post(TOOLS).token(EDITOR).json(withSchemas(name)).send();
        api.put(TOOLS + "/" + name)
                .token(EDITOR)
                .json("{\"input_schema\": null}")
                .send();

        api.post(TOOLS + "/" + name + "/rollback?version=1").token(ADMIN).send();

        assertThat(api.get(TOOLS + "/" + name)
                        .send()
                        .json()
                        .path("input_schema")
                        .path("required")
                        .get(0)
                        .asText())
                .isEqualTo("pattern");
    }
}
