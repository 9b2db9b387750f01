package io.toolcatalog.api.security;

import io.toolcatalog.api.web.RequestAttributeResolver;
import io.toolcatalog.api.web.WebConfiguration;
import java.nio.file.Path;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Bearer tokens and roles on {@code /api/**} and {@code /mcp} — role tokens, named tokens (properties and the tokens
 * file) and JWTs ({@link Principals}); management endpoints other than health need an admin or the
 * metrics token; Swagger UI stays open. With no token source configured at all, a generated admin
 * token guards the node.
 *
 * <p>JWTs are checked with Spring Security's decoder and validators alone, not its filter chain:
 * the API already has one place that decides who may call what ({@link AuthInterceptor}, with
 * problem+json answers and per-handler roles), and a second would split that decision in two.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SecurityProperties.class, OAuth2ResourceServerProperties.class})
@Import(AuthController.class)
public class SecurityConfiguration implements WebMvcConfigurer {

    private final AuthInterceptor authInterceptor;
    private final Principals principals;
    private final TokensFile tokensFile;
    private final BearerTokens bearerTokens;
    private final String metricsToken;

    /** One budget per purpose, shared by the interceptor (reloads) and the webhook. */
    @Bean
    static RateBudgets rateBudgets(SecurityProperties properties) {
        return new RateBudgets(properties, System::nanoTime);
    }

    SecurityConfiguration(
            SecurityProperties properties,
            OAuth2ResourceServerProperties resourceServer,
            RateBudgets budgets,
            @Value("${catalog.dev-services.enabled:false}") boolean devServices,
            @Value("${catalog.dev-services.data-dir:.data}") String dataDir) {
        TokenRegistry configured = TokenRegistry.from(properties);
        String file = properties.tokensFile();
        this.tokensFile = file == null || file.isBlank()
                ? null
                : new TokensFile(Path.of(file), properties.tokensFileCheckInterval(), System::nanoTime);
        JwtPrincipals jwt =
                JwtPrincipals.from(resourceServer.getJwt(), properties.jwt()).orElse(null);
        boolean nothingConfigured = configured.isEmpty() && tokensFile == null && jwt == null;
        TokenRegistry fixed = nothingConfigured
                ? TokenRegistry.ofAdmin(
                        GeneratedAdminToken.obtain(devServices ? Path.of(dataDir, "admin-token") : null))
                : configured;
        this.principals = new Principals(fixed, tokensFile, jwt);
        this.metricsToken = properties.metricsToken();
        this.bearerTokens = new BearerTokens(principals, properties.readsRequireToken());
        this.authInterceptor = new AuthInterceptor(bearerTokens, budgets);
    }

    /** The tokens file's refusals and size, for the node's metrics; zeros without a file. */
    @Bean
    TokensFileStatus tokensFileStatus() {
        return tokensFile != null ? tokensFile : TokensFileStatus.NONE;
    }

    /** The token check, for what serves the API outside Spring MVC (the watch port, {@code /mcp}). */
    @Bean
    BearerTokens bearerTokens() {
        return bearerTokens;
    }

    /** Management endpoints other than health probes need a token; see {@link ManagementAccessFilter}. */
    @Bean
    FilterRegistrationBean<ManagementAccessFilter> managementAccessFilter() {
        FilterRegistrationBean<ManagementAccessFilter> registration =
                new FilterRegistrationBean<>(new ManagementAccessFilter(principals, metricsToken));
        registration.addUrlPatterns("/actuator", "/actuator/*");
        return registration;
    }

    /** {@code /mcp} is a read: the same token rule as the API's reads; see {@link McpAccessFilter}. */
    @Bean
    FilterRegistrationBean<McpAccessFilter> mcpAccessFilter() {
        FilterRegistrationBean<McpAccessFilter> registration =
                new FilterRegistrationBean<>(new McpAccessFilter(bearerTokens));
        registration.addUrlPatterns(WebConfiguration.MCP_PATH, WebConfiguration.MCP_PATH + "/*");
        registration.setOrder(WebConfiguration.MCP_SECURITY_ORDER);
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
        resolvers.add(new RequestAttributeResolver<>(Caller.class, AuthInterceptor.CALLER, () -> Caller.ANONYMOUS));
    }
}
