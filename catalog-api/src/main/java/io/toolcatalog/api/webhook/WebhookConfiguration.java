package io.toolcatalog.api.webhook;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The reload webhook, with an in-memory {@link ReplayGuard} unless the node provides another. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
@Import(WebhookController.class)
public class WebhookConfiguration {

    @Bean
    @ConditionalOnMissingBean(ReplayGuard.class)
    ReplayGuard inMemoryReplayGuard(WebhookProperties properties, Clock clock) {
        return new InMemoryReplayGuard(properties.replayCapacity(), clock);
    }
}
