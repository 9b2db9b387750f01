package io.toolcatalog.api.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.toolcatalog.api.security.Caller;
import io.toolcatalog.api.web.ResponseRevision;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document ({@code /v3/api-docs}, {@code /swagger-ui.html}) with the bearer scheme declared. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    static final String BEARER = "bearer";

    static {
        // arguments the server fills in, not request parameters
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class, ResponseRevision.class);
    }

    @Bean
    OpenAPI catalogOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Tool Catalog API")
                        .version("v1")
                        .description("Tools and their optimization profiles, hot-reloaded across a cluster."
                                + " Reads are open unless configured otherwise; mutations need an editor"
                                + " token, reload, import and rollback an admin token."))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("catalog.security tokens: reader < editor < admin")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
