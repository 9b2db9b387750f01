package io.toolcatalog.api.console;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The operator console: static files under {@code classpath:/static/console/}, served by Spring's
 * static resource handler at {@code /console/}. It talks only to the public API; this
 * configuration adds no endpoint, only the entry page and the security headers of its responses.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleConfiguration implements WebMvcConfigurer {

    static final String PATH = "/console";

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController(PATH, PATH + "/");
        registry.addViewController(PATH + "/").setViewName("forward:" + PATH + "/index.html");
    }

    @Bean
    FilterRegistrationBean<ConsoleHeadersFilter> consoleHeadersFilter() {
        FilterRegistrationBean<ConsoleHeadersFilter> registration =
                new FilterRegistrationBean<>(new ConsoleHeadersFilter());
        registration.addUrlPatterns(PATH, PATH + "/*");
        return registration;
    }
}
