package io.toolcatalog.node.web;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.toolcatalog.api.security.TokensFileStatus;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * The tokens file: changes refused (the last good set kept) and named tokens accepted now. Only a
 * node serving HTTP has tokens (a context without a web server has no security configuration).
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityMetrics implements MeterBinder {

    private final TokensFileStatus tokensFile;

    SecurityMetrics(TokensFileStatus tokensFile) {
        this.tokensFile = tokensFile;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("catalog.tokens.file.rejected", tokensFile, TokensFileStatus::rejectedChanges)
                .description("Changes to the tokens file that were refused; the last good set was kept")
                .register(registry);
        Gauge.builder("catalog.tokens.file.tokens", tokensFile, TokensFileStatus::namedTokens)
                .description("Named tokens this node accepts from the tokens file")
                .register(registry);
    }
}
