package io.toolcatalog.api.rollout;

import io.toolcatalog.api.security.BearerTokens;
import io.toolcatalog.api.security.RateBudgets;
import io.toolcatalog.core.changerequest.ChangeRequestCore;
import io.toolcatalog.core.cluster.ConsumerRegistry;
import io.toolcatalog.core.reload.AppliedCatalog;
import io.toolcatalog.core.rollout.OutcomeReports;
import io.toolcatalog.core.rollout.Rollouts;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The rollout endpoints ({@code /api/v1/rollouts}, a change request's {@code /rollout}) and consumers' outcome reports. */
@Configuration(proxyBeanMethods = false)
public class RolloutApiConfiguration {

    /** Without a shared consumer registry (a node on its own) nobody owns a consumer id. */
    @Bean
    RolloutController rolloutController(Rollouts rollouts, ChangeRequestCore changes, Clock clock) {
        return new RolloutController(rollouts, changes.properties().reviewRequired(), clock);
    }

    @Bean
    OutcomeReportController outcomeReportController(
            OutcomeReports reports,
            AppliedCatalog catalog,
            BearerTokens tokens,
            RateBudgets budgets,
            ObjectProvider<ConsumerRegistry> registry) {
        return new OutcomeReportController(
                tokens,
                budgets,
                new OutcomeIntake(reports, catalog, registry.getIfAvailable(() -> ConsumerRegistry.NONE)));
    }
}
