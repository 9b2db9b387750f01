package io.toolcatalog.node.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * {@code http.server.requests} from {@link RequestMetricsFilter}, in place of Spring's observation
 * filter (its auto-configuration is excluded in {@code CatalogNodeApplication}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class RequestMetricsConfiguration {

    /** Where Spring placed its observation filter: around everything but the revision header. */
    @Bean
    FilterRegistrationBean<RequestMetricsFilter> requestMetricsFilter(MeterRegistry registry) {
        FilterRegistrationBean<RequestMetricsFilter> registration =
                new FilterRegistrationBean<>(new RequestMetricsFilter(registry));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        return registration;
    }

    /** The cap on distinct {@code uri} values that Spring's excluded configuration kept. */
    @Bean
    MeterFilter requestUriTagLimit(@Value("${management.metrics.web.server.max-uri-tags:100}") int maxUriTags) {
        return MeterFilter.maximumAllowableTags(RequestMetricsFilter.METER, "uri", maxUriTags, MeterFilter.deny());
    }
}
