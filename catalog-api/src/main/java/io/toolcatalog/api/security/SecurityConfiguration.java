package io.toolcatalog.api.security;

import io.toolcatalog.api.web.WebConfiguration;
import java.nio.file.Path;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Bearer tokens and roles on {@code /api/**}; management endpoints other than health need an admin
 * or the metrics token; Swagger UI stays open.
 * With no token configured at all, a generated admin token guards the node.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
@Import(AuthController.class)
public class SecurityConfiguration implements WebMvcConfigurer {

    private final AuthInterceptor authInterceptor;
    private final BearerTokens bearerTokens;
    private final TokenRegistry tokens;
    private final String metricsToken;

    /** One budget per purpose, shared by the interceptor (reloads) and the webhook. */
    @Bean
    static RateBudgets rateBudgets(SecurityProperties properties) {
        return new RateBudgets(properties, System::nanoTime);
    }

    SecurityConfiguration(
            SecurityProperties properties,
            RateBudgets budgets,
            @Value("${catalog.dev-services.enabled:false}") boolean devServices,
            @Value("${catalog.dev-services.data-dir:.data}") String dataDir) {
        TokenRegistry configured = TokenRegistry.from(properties);
        TokenRegistry tokens = configured.isEmpty()
                ? TokenRegistry.ofAdmin(
                        GeneratedAdminToken.obtain(devServices ? Path.of(dataDir, "admin-token") : null))
                : configured;
        this.tokens = tokens;
        this.metricsToken = properties.metricsToken();
        this.bearerTokens = new BearerTokens(tokens, properties.readsRequireToken());
        this.authInterceptor = new AuthInterceptor(bearerTokens, budgets);
    }

    /** The token check, for what serves the API outside Spring MVC (the watch port). */
    @Bean
    BearerTokens bearerTokens() {
        return bearerTokens;
    }

    /** Management endpoints other than health probes need a token; see {@link ManagementAccessFilter}. */
    @Bean
    FilterRegistrationBean<ManagementAccessFilter> managementAccessFilter() {
        FilterRegistrationBean<ManagementAccessFilter> registration =
                new FilterRegistrationBean<>(new ManagementAccessFilter(tokens, metricsToken));
        registration.addUrlPatterns("/actuator", "/actuator/*");
        return registration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(authInterceptor)
                .addPathPatterns(WebConfiguration.API_PATHS)
                .order(WebConfiguration.SECURITY_ORDER);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerArgumentResolver());
    }
}
