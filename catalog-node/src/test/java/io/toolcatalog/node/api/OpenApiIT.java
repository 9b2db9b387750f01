package io.toolcatalog.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAPI document as a client generator reads it from {@code /v3/api-docs}. */
class OpenApiIT extends ApiTestSupport {

    private static final Set<String> TAGS = Set.of(
            "Tools",
            "Versions",
            "Import/Export",
            "Profiles",
            "Reload",
            "History",
            "Cluster",
            "Watch",
            "Auth",
            "Schemas",
            "Change requests",
            "Rollouts");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    private JsonNode doc;

    @BeforeEach
    void fetch() {
        Api.Reply reply = api.get("/v3/api-docs").send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        doc = reply.json();
    }

    @Test
    void everyOperationHasASummaryADescriptionAndOneFeatureTag() {
        List<Operation> operations = operations();
        assertThat(operations).hasSizeGreaterThanOrEqualTo(17);
        for (Operation op : operations) {
            assertThat(op.node().path("summary").asText())
                    .as(op.name() + " summary")
                    .isNotBlank();
            assertThat(op.node().path("description").asText())
                    .as(op.name() + " description")
                    .isNotBlank();
            assertThat(op.node().path("tags")).as(op.name() + " tags").hasSize(1);
            assertThat(TAGS)
                    .as(op.name() + " tag")
                    .contains(op.node().path("tags").get(0).asText());
        }
    }

    @Test
    void everyOperationListsItsErrorsAsProblemJson() {
        for (Operation op : operations()) {
            List<String> errors = new ArrayList<>();
            op.node().path("responses").fieldNames().forEachRemaining(code -> {
                if (code.startsWith("4") || code.startsWith("5")) {
                    errors.add(code);
                }
            });
            assertThat(errors).as(op.name() + " error responses").anyMatch(code -> code.startsWith("4"));
            for (String code : errors) {
                JsonNode content = op.node().path("responses").path(code).path("content");
                assertThat(content.path("application/problem+json")
                                .path("schema")
                                .path("$ref")
                                .asText())
                        .as(op.name() + " " + code)
                        .isEqualTo("#/components/schemas/Problem");
            }
        }
        assertThat(doc.at("/components/schemas/Problem/properties").has("field"))
                .isTrue();
    }

    @Test
    void mutationsNameTheBearerSchemeAndTheirRoleErrors() {
        assertThat(doc.at("/components/securitySchemes/bearer/type").asText()).isEqualTo("http");
        assertThat(doc.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        JsonNode create = doc.at("/paths/~1api~1v1~1tools/post");
        assertThat(create.at("/security/0").has("bearer")).isTrue();
        assertThat(create.path("responses").has("401")).isTrue();
        assertThat(create.path("responses").has("403")).isTrue();
        assertThat(create.path("responses").has("409")).isTrue();
        assertThat(doc.at("/paths/~1api~1v1~1tools~1reload/post/responses").has("429"))
                .isTrue();
        assertThat(doc.at("/paths/~1api~1v1~1tools~1{name}/put/responses").has("412"))
                .isTrue();
    }

    @Test
    void rolloutsAndOutcomeReportsArePublished() {
        for (String pointer : List.of(
                "/paths/~1api~1v1~1change-requests~1{id}~1rollout/post",
                "/paths/~1api~1v1~1rollouts/get",
                "/paths/~1api~1v1~1rollouts~1{id}/get",
                "/paths/~1api~1v1~1rollouts~1{id}~1advance/post",
                "/paths/~1api~1v1~1rollouts~1{id}~1pause/post",
                "/paths/~1api~1v1~1rollouts~1{id}~1resume/post",
                "/paths/~1api~1v1~1rollouts~1{id}~1abort/post",
                "/paths/~1api~1v1~1consumers~1reports/post")) {
            assertThat(doc.at(pointer + "/tags/0").asText()).as(pointer).isEqualTo("Rollouts");
        }
        assertThat(doc.at("/paths/~1api~1v1~1consumers~1reports/post/responses").has("429"))
                .isTrue();
        assertThat(doc.at("/paths/~1api~1v1~1change-requests~1{id}~1rollout/post/responses")
                        .has("201"))
                .isTrue();
    }

    @Test
    void enableAndDisableAreTwoOperations() {
        JsonNode enable = doc.at("/paths/~1api~1v1~1tools~1{name}~1enable/patch");
        JsonNode disable = doc.at("/paths/~1api~1v1~1tools~1{name}~1disable/patch");
        assertThat(enable.path("summary").asText()).isEqualTo("Enable a tool");
        assertThat(disable.path("summary").asText()).isEqualTo("Disable a tool");
        assertThat(enable.path("operationId").asText())
                .isNotEqualTo(disable.path("operationId").asText());
    }

    @Test
    void requestBodiesCarryExamples() {
        for (String pointer : List.of(
                "/paths/~1api~1v1~1tools/post/requestBody/content/application~1json/examples",
                "/paths/~1api~1v1~1tools~1{name}/put/requestBody/content/application~1json/examples",
                "/paths/~1api~1v1~1tools~1import/post/requestBody/content/application~1json/examples",
                "/paths/~1api~1v1~1tools~1import/post/requestBody/content/application~1yaml/examples")) {
            assertThat(doc.at(pointer).size()).as(pointer).isPositive();
        }
    }

    private record Operation(String name, JsonNode node) {}

    private List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fields().forEachRemaining(method -> {
                if (METHODS.contains(method.getKey())) {
                    operations.add(
                            new Operation(method.getKey().toUpperCase() + " " + path.getKey(), method.getValue()));
                }
            });
        }
        return operations;
    }

    @Test
    void schemasNameFieldsAndEnumValuesAsTheJsonOnTheWireDoes() {
        JsonNode request = doc.at("/components/schemas/ChangeRequestResponse/properties");
        assertThat(request.has("base_revision")).as(request.toString()).isTrue();
        assertThat(request.has("required_approvals")).isTrue();
        assertThat(request.has("baseRevision")).isFalse();
        assertThat(request.path("state").path("enum").toString())
                .isEqualTo("[\"draft\",\"in_review\",\"approved\",\"rolling_out\",\"published\",\"rejected\","
                        + "\"withdrawn\",\"failed\"]");
        assertThat(doc.findValues("enum").toString()).doesNotContain("\"DRAFT\"", "\"FULL\"", "\"ADMIN\"");
        assertThat(doc.at("/components/schemas/NodeStatus/properties").has("applied_revision"))
                .isTrue();
    }
}
