package io.toolcatalog.api.changerequest;

import io.toolcatalog.api.tool.ReviewedRevert;
import io.toolcatalog.api.web.WebConfiguration;
import io.toolcatalog.core.changerequest.ChangeRequestCore;
import io.toolcatalog.core.write.CatalogEditor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The {@code /api/v1/change-requests} endpoints, their problems, and the review policy on direct writes. */
@Configuration(proxyBeanMethods = false)
@Import({ChangeRequestController.class, ChangeRequestReviewController.class, ChangeRequestProblems.class})
public class ChangeRequestApiConfiguration implements WebMvcConfigurer {

    private final ChangeRequestCore changes;

    ChangeRequestApiConfiguration(ChangeRequestCore changes) {
        this.changes = changes;
    }

    @Bean
    ReviewedRevert reviewedRevert(CatalogEditor editor) {
        return new ReviewedReverts(changes, editor);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        if (changes.properties().reviewRequired()) {
            registry.addInterceptor(new ReviewPolicy())
                    .addPathPatterns("/api/v1/tools", "/api/v1/tools/**")
                    .order(WebConfiguration.SECURITY_ORDER + 5);
        }
    }
}
