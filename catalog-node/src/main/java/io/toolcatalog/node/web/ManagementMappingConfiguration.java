package io.toolcatalog.node.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Where the actuator's endpoints sit among the node's handler mappings: see {@link ManagementMappingOrder}. */
@Configuration(proxyBeanMethods = false)
class ManagementMappingConfiguration {

    /** Static: a post-processor must exist before the beans it processes. */
    @Bean
    static ManagementMappingOrder managementMappingOrder() {
        return new ManagementMappingOrder();
    }
}
