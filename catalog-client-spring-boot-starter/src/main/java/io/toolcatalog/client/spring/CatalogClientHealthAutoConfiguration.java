package io.toolcatalog.client.spring;

import io.toolcatalog.client.CatalogClient;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The {@code catalogClient} health component, when actuator is on the classpath and there is a client. */
@AutoConfiguration(after = CatalogClientAutoConfiguration.class)
@ConditionalOnClass({CatalogClient.class, HealthIndicator.class})
@ConditionalOnBean(CatalogClient.class)
public class CatalogClientHealthAutoConfiguration {

    /**
     * The health indicator; its bean name makes the component {@code catalogClient}.
     *
     * @param client the client
     * @param properties where {@code max-staleness} is read
     * @return the indicator
     */
    @Bean
    @ConditionalOnMissingBean(name = "catalogClientHealthIndicator")
    public CatalogClientHealthIndicator catalogClientHealthIndicator(
            CatalogClient client, CatalogClientProperties properties) {
        return new CatalogClientHealthIndicator(client, properties.maxStaleness());
    }
}
