package io.toolcatalog.api.web;

import io.toolcatalog.core.reload.AppliedCatalog;
import io.toolcatalog.core.reload.MinRevisionGate;
import io.toolcatalog.core.tool.CatalogLimits;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
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

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new ResponseRevisionArgumentResolver());
    }
}
