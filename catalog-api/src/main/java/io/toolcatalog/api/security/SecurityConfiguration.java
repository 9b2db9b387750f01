package io.toolcatalog.api.security;

import io.toolcatalog.api.web.WebConfiguration;
import java.nio.file.Path;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Bearer tokens and roles on {@code /api/**} (docs/ARCHITECTURE.md, Security and input); actuator and Swagger UI stay outside.
 * With no token configured at all, a generated admin token guards the node.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration implements WebMvcConfigurer {

    private final AuthInterceptor authInterceptor;

    SecurityConfiguration(
            SecurityProperties properties,
            @Value("${catalog.dev-services.enabled:false}") boolean devServices,
            @Value("${catalog.dev-services.data-dir:.data}") String dataDir) {
        TokenRegistry configured = TokenRegistry.from(properties);
        TokenRegistry tokens = configured.isEmpty()
                ? TokenRegistry.ofAdmin(
                        GeneratedAdminToken.obtain(devServices ? Path.of(dataDir, "admin-token") : null))
                : configured;
        this.authInterceptor = new AuthInterceptor(
                tokens,
                properties.readsRequireToken(),
                new ReloadRateLimiter(properties.reloadRateLimit(), properties.reloadBurst(), System::nanoTime));
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
