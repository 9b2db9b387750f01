package io.toolcatalog.api.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.toolcatalog.api.security.NoToken;
import io.toolcatalog.api.security.RateLimited;
import io.toolcatalog.api.security.Requires;
import java.util.List;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.method.HandlerMethod;

/**
 * The error answers every operation can give because of what it is, from the same annotations the
 * security check reads: a role ({@code Requires}) means 401 and 403 and the bearer scheme; the
 * reload budget ({@code RateLimited}) means 429; parameters or a body mean 400; any operation
 * may answer 503 while a requested {@code X-Catalog-Min-Revision} is not reached. Every 4xx and 5xx is {@code application/problem+json}.
 */
final class ErrorResponses implements OperationCustomizer {

    static final String PROBLEM = "Problem";
    static final String PROBLEM_JSON = "application/problem+json";

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        Requires requires = handler.getMethodAnnotation(Requires.class);
        boolean hasInput =
                (operation.getParameters() != null && !operation.getParameters().isEmpty())
                        || operation.getRequestBody() != null;
        if (hasInput) {
            add(responses, "400", "Bad input: `field` names the offending parameter, header or body field");
        }
        if (requires != null) {
            operation.setSecurity(List.of(new SecurityRequirement().addList(OpenApiConfiguration.BEARER)));
            add(responses, "401", "No bearer token, or one that is not valid");
            add(
                    responses,
                    "403",
                    "The token's role is below " + requires.value().value());
        } else if (handler.hasMethodAnnotation(NoToken.class)) {
            operation.setSecurity(List.of());
        } else {
            operation.setSecurity(
                    List.of(new SecurityRequirement(), new SecurityRequirement().addList(OpenApiConfiguration.BEARER)));
            add(responses, "401", "Only when catalog.security.reads-require-token is set: no valid bearer token");
        }
        if (handler.hasMethodAnnotation(RateLimited.class)) {
            add(responses, "429", "This node's reload budget is spent; Retry-After says when to try again");
        }
        add(responses, "503", "The node cannot answer now (X-Catalog-Min-Revision not reached in time); Retry-After");
        operation.setResponses(responses);
        return operation;
    }

    private static void add(ApiResponses responses, String code, String description) {
        if (!responses.containsKey(code)) {
            responses.addApiResponse(code, new ApiResponse().description(description));
        }
    }

    /** After every operation is built: each 4xx and 5xx answer is problem+json with the one schema. */
    static void problemContentEverywhere(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(new io.swagger.v3.oas.models.Components());
        }
        api.getComponents().addSchemas(PROBLEM, problemSchema());
        if (api.getPaths() == null) {
            return;
        }
        for (PathItem path : api.getPaths().values()) {
            for (Operation operation : path.readOperations()) {
                if (operation.getResponses() == null) {
                    continue;
                }
                operation.getResponses().forEach((code, response) -> {
                    if (code.startsWith("4") || code.startsWith("5")) {
                        response.setContent(new Content()
                                .addMediaType(
                                        PROBLEM_JSON,
                                        new MediaType()
                                                .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
                    }
                });
            }
        }
    }

    static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().example("about:blank"))
                .addProperty("title", new StringSchema().example("Bad Request"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema().example("must be an integer"))
                .addProperty("instance", new StringSchema().example("/api/v1/tools"))
                .addProperty(
                        "field",
                        new StringSchema()
                                .description("On a 400: the offending parameter, header or body field")
                                .example("profiles.default.timeout_ms"));
    }
}
