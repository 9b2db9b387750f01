package io.toolcatalog.api.web;

import io.toolcatalog.core.reload.AppliedCatalog;
import io.toolcatalog.core.reload.MinRevisionGate;
import io.toolcatalog.core.tool.CatalogLimits;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What every API request goes through: the revision header, the body limit and the
 * {@code X-Catalog-Min-Revision} wait. Interceptor order: 503 until the first snapshot is loaded,
 * body limit, then security (its own configuration, order {@value #SECURITY_ORDER}), then the
 * revision wait.
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

    /** Where the security interceptor sits among the API's interceptors. */
    public static final int SECURITY_ORDER = 10;

    /** The API's paths; actuator and Swagger UI lie outside them. */
    public static final String API_PATHS = "/api/**";

    /** The MCP endpoint (Streamable HTTP), served by its own servlet outside the API's interceptors. */
    public static final String MCP_PATH = "/mcp";

    /** Where the MCP endpoint's token check sits among the servlet filters: before its admission. */
    public static final int MCP_SECURITY_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    private final AppliedCatalog catalog;
    private final MinRevisionGate gate;
    private final CatalogLimits limits;

    WebConfiguration(AppliedCatalog catalog, MinRevisionGate gate, CatalogLimits limits) {
        this.catalog = catalog;
        this.gate = gate;
        this.limits = limits;
    }

    @Bean
    FilterRegistrationBean<RevisionHeaderFilter> revisionHeaderFilter() {
        FilterRegistrationBean<RevisionHeaderFilter> registration =
                new FilterRegistrationBean<>(new RevisionHeaderFilter(catalog));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Static: the JSON mapper is needed before this configuration's own dependencies exist. */
    @Bean
    static StrictTypes strictTypes() {
        return new StrictTypes();
    }

    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter() {
        FilterRegistrationBean<BodyLimitFilter> registration = new FilterRegistrationBean<>(
                new BodyLimitFilter(limits.maxBodySize().toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new NotLoadedInterceptor(catalog))
                .addPathPatterns(API_PATHS)
                .order(-10);
        registry.addInterceptor(new BodyLimitInterceptor(limits.maxBodySize().toBytes()))
                .addPathPatterns(API_PATHS)
                .order(0);
        registry.addInterceptor(new MinRevisionInterceptor(gate))
                .addPathPatterns(API_PATHS)
                .order(SECURITY_ORDER + 10);
    }

    /**
     * No Bean Validation in Spring MVC: the API declares no constraint ({@code ToolValidator} checks
     * every input, with the field paths the problem details name). With a provider on the classpath
     * (springdoc brings one) Spring would still prepare method validation on every request, about
     * 4 % of a cached read (JFR under wrk). A plain validator that supports nothing turns that off;
     * a {@code @Valid} added to a controller would do nothing until this is removed.
     */
    @Override
    public Validator getValidator() {
        return NO_BEAN_VALIDATION;
    }

    private static final Validator NO_BEAN_VALIDATION = new Validator() {
        @Override
        public boolean supports(Class<?> type) {
            return false;
        }

        @Override
        public void validate(Object target, Errors errors) {}
    };

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new RequestAttributeResolver<>(ResponseRevision.class, ResponseRevision.ATTRIBUTE, () -> {
            throw new IllegalStateException("RevisionHeaderFilter did not run for this request");
        }));
    }
}
