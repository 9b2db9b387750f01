package io.toolcatalog.client.spring;

import io.toolcatalog.client.CatalogClient;
import io.toolcatalog.client.CatalogClientBuilder;
import java.net.URI;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * A {@link CatalogClient} bean built from {@code catalog.client.*} when the endpoints are set and
 * the application defines no client of its own, started with the context and closed with it.
 */
@AutoConfiguration
@ConditionalOnClass(CatalogClient.class)
@EnableConfigurationProperties(CatalogClientProperties.class)
public class CatalogClientAutoConfiguration {

    /**
     * The client, built but not started: {@link #catalogClientLifecycle} starts it.
     *
     * @param properties {@code catalog.client.*}
     * @param environment where {@code spring.application.name} is read
     * @return the client
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @Conditional(OnEndpointsCondition.class)
    public CatalogClient catalogClient(CatalogClientProperties properties, Environment environment) {
        CatalogClientBuilder builder =
                CatalogClient.builder().endpoints(properties.endpoints().toArray(URI[]::new));
        try {
            builder.labels(properties.labelMap());
        } catch (IllegalArgumentException e) {
            // the builder's message names the label; this one names the properties it came from too
            throw new IllegalArgumentException(
                    "catalog.client.labels / catalog.client.consumer-labels: " + e.getMessage());
        }
        if (properties.token() != null && !properties.token().isBlank()) {
            builder.token(properties.token());
        }
        if (properties.cacheFile() != null) {
            builder.cacheFile(properties.cacheFile());
        }
        if (properties.consumerId() != null) {
            builder.consumerId(properties.consumerId());
        }
        String application = properties.applicationName() != null
                ? properties.applicationName()
                : environment.getProperty("spring.application.name");
        if (application != null) {
            builder.applicationName(application);
        }
        if (properties.reportInterval() != null) {
            builder.reportInterval(properties.reportInterval());
        }
        if (properties.startTimeout() != null) {
            builder.startTimeout(properties.startTimeout());
        }
        if (properties.allowInsecure()) {
            builder.allowInsecure();
        }
        return builder.build();
    }

    /**
     * Starts the client (the application's own one too) with the context and publishes its changes.
     *
     * @param client the client
     * @param publisher where the changes are published
     * @return the lifecycle
     */
    @Bean
    @ConditionalOnBean(CatalogClient.class)
    CatalogClientLifecycle catalogClientLifecycle(CatalogClient client, ApplicationEventPublisher publisher) {
        return new CatalogClientLifecycle(client, publisher);
    }
}
