package io.toolcatalog.api.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import io.toolcatalog.api.security.Caller;
import io.toolcatalog.api.web.ResponseRevision;
import io.toolcatalog.core.reload.ConsumerView;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document ({@code /v3/api-docs}, {@code /swagger-ui.html}): tags by feature, the
 * bearer scheme, schemas named as the JSON on the wire ({@link WireSchemas}), and the problem+json
 * schema on every error answer. Each handler states what is
 * particular to it (summary, description, its own 404/409/412); {@link ErrorResponses} adds what
 * follows from its annotations (401/403 for a role, 429 for the reload budget, 400, 503).
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    static final String BEARER = "bearer";

    static {
        // arguments the server fills in, not request parameters
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class, ResponseRevision.class, ConsumerView.class);
    }

    @Bean
    OpenAPI catalogOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Tool Catalog API")
                        .version("v1")
                        .description("Tools and their optimization profiles, hot-reloaded across a cluster."
                                + " Reads are open unless configured otherwise; mutations need an editor"
                                + " token, reload, import and rollback an admin token. Every response carries"
                                + " X-Catalog-Revision; a read with X-Catalog-Min-Revision waits until the node"
                                + " has applied that revision. Errors are RFC 9457 application/problem+json;"
                                + " a 400 names the offending field in `field`."))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("catalog.security tokens: reader < editor < admin")))
                .addTagsItem(tag(ApiTags.TOOLS, "Read and edit single tools; every edit is one catalog revision"))
                .addTagsItem(tag(ApiTags.VERSIONS, "Every stored version of a tool, and rollback to any of them"))
                .addTagsItem(tag(ApiTags.TRANSFER, "The whole catalog in and out, JSON or YAML"))
                .addTagsItem(tag(ApiTags.PROFILES, "What pipelines load: the enabled tools' profiles"))
                .addTagsItem(tag(ApiTags.RELOAD, "Reloads on demand, on one node or the whole cluster"))
                .addTagsItem(tag(ApiTags.HISTORY, "Every node's reloads, gathered for the whole cluster"))
                .addTagsItem(tag(ApiTags.CLUSTER, "The nodes, their revisions and digests"))
                .addTagsItem(tag(ApiTags.WATCH, "Changes pushed to consumers as they are applied"))
                .addTagsItem(tag(ApiTags.AUTH, "Who the bearer token is, and its role"))
                .addTagsItem(tag(ApiTags.SCHEMAS, "A JSON Schema per profile name, checked on every write"))
                .addTagsItem(tag(
                        ApiTags.ROLLOUTS,
                        "A change request reaching a cohort of consumers first, step by step, and the outcomes"
                                + " consumers report"));
    }

    @Bean
    ModelResolver wireSchemas(ObjectMapper objectMapper) {
        return new WireSchemas(objectMapper);
    }

    @Bean
    OperationCustomizer errorResponses() {
        return new ErrorResponses();
    }

    @Bean
    OperationCustomizer consumerHeaders() {
        return ConsumerHeaders::addWhereRead;
    }

    @Bean
    OpenApiCustomizer problemContent() {
        return ErrorResponses::problemContentEverywhere;
    }

    private static Tag tag(String name, String description) {
        return new Tag().name(name).description(description);
    }
}
