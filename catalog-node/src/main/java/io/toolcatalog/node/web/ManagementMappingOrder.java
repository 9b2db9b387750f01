package io.toolcatalog.node.web;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.actuate.endpoint.web.servlet.WebMvcEndpointHandlerMapping;

/**
 * Asks the API's handler mapping before the actuator's. Spring Boot puts the actuator's endpoint
 * mapping first (order -100), so every API request was first matched against every actuator path
 * pattern, failed, and only then found its controller: about a fifth of a cached
 * {@code GET /profiles} (JFR under wrk). The API's paths ({@code /api/**}) and the actuator's
 * ({@code /actuator/**}) never overlap, so the order changes no answer; the actuator's mapping
 * still comes before the static resources' catch-all.
 */
final class ManagementMappingOrder implements BeanPostProcessor {

    /** Right after the API's controllers ({@code RequestMappingHandlerMapping}, order 0). */
    static final int ORDER = 1;

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof WebMvcEndpointHandlerMapping mapping) {
            mapping.setOrder(ORDER);
        }
        return bean;
    }
}
