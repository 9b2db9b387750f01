package io.toolcatalog.client.spring;

import io.micrometer.core.instrument.MeterRegistry;
import io.toolcatalog.client.CatalogClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The client's meters, when Micrometer is on the classpath and there is a client. */
@AutoConfiguration(after = CatalogClientAutoConfiguration.class)
@ConditionalOnClass({CatalogClient.class, MeterRegistry.class})
@ConditionalOnBean(CatalogClient.class)
public class CatalogClientMetricsAutoConfiguration {

    /**
     * The meters, bound to every registry of the application.
     *
     * @param client the client
     * @return the binder
     */
    @Bean
    @ConditionalOnMissingBean
    public CatalogClientMetrics catalogClientMetrics(CatalogClient client) {
        return new CatalogClientMetrics(client);
    }
}
