package io.toolcatalog.api.view;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Reads answer in the caller's view: controllers take a {@code ConsumerView} argument. */
@Configuration(proxyBeanMethods = false)
public class ViewConfiguration implements WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new ConsumerViewArgumentResolver());
    }
}
