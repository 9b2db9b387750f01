package io.toolcatalog.client.spring;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code catalog.client.endpoints} holds at least one endpoint, written either way:
 * {@code a,b} or as a YAML list ({@code endpoints[0]}), which a plain property condition misses.
 */
class OnEndpointsCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        List<String> endpoints = Binder.get(context.getEnvironment())
                .bind("catalog.client.endpoints", Bindable.listOf(String.class))
                .orElse(List.of());
        return endpoints.isEmpty()
                ? ConditionOutcome.noMatch("catalog.client.endpoints is not set")
                : ConditionOutcome.match("catalog.client.endpoints is " + endpoints);
    }
}
