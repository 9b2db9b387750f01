package io.toolcatalog.api.webhook;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The reload webhook. It exists only while {@code catalog.webhook.secret} is set: otherwise its
 * path is an unknown route (404 problem) that costs nothing, not even a token of the reload budget.
 * The {@link ReplayGuard} is in memory unless the node provides another.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
@Conditional(WebhookConfiguration.SecretIsSet.class)
@Import({WebhookController.class, WebhookProof.class, WebhookReloads.class})
public class WebhookConfiguration {

    @Bean
    @ConditionalOnMissingBean(ReplayGuard.class)
    ReplayGuard inMemoryReplayGuard(WebhookProperties properties, Clock clock) {
        return new InMemoryReplayGuard(properties.replayCapacity(), clock);
    }

    static final class SecretIsSet implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return StringUtils.hasText(context.getEnvironment().getProperty("catalog.webhook.secret"));
        }
    }
}
