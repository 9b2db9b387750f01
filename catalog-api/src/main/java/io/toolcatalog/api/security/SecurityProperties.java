package io.toolcatalog.api.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the API ({@code catalog.security.*}).
 *
 * @param adminToken plain token of principal {@code admin} ({@code CATALOG_ADMIN_TOKEN})
 * @param editorToken plain token of principal {@code editor} ({@code CATALOG_EDITOR_TOKEN})
 * @param readerToken plain token of principal {@code reader} ({@code CATALOG_READER_TOKEN})
 * @param tokens more tokens, each stored only as the hex SHA-256 of the token
 * @param readsRequireToken whether reads need a token (at least {@code reader}); open by default
 * @param reloadRateLimit manual reloads ({@code POST /tools/reload}) this node accepts per second
 * @param reloadBurst manual reloads this node accepts at once before the rate applies
 * @param webhookRateLimit correctly signed webhook calls this node accepts per second
 * @param webhookBurst correctly signed webhook calls accepted at once before the rate applies
 * @param rejectedWebhookRateLimit badly signed webhook calls this node answers (401) per second;
 *     past it they get 429 without touching any other budget
 * @param rejectedWebhookBurst badly signed webhook calls answered at once before that rate applies
 * @param metricsToken plain token that may read the management endpoints (Prometheus scrapes) and
 *     nothing else ({@code CATALOG_METRICS_TOKEN}); admin tokens may read them too
 * @param approverToken plain token of principal {@code approver} ({@code CATALOG_APPROVER_TOKEN})
 * @param tokensFile a YAML list of named tokens {@code {name, role, sha256}} ({@code CATALOG_TOKENS_FILE}),
 *     read at start (a bad file fails the start) and again when it changes (a bad file then keeps
 *     the last good set)
 * @param tokensFileCheckInterval how often, at most, a request looks whether the tokens file changed
 * @param jwt how JWT bearer tokens map to principals (the issuer and keys are Spring's
 *     {@code spring.security.oauth2.resourceserver.jwt.*})
 * @param reportRateLimit outcome reports ({@code POST /consumers/reports}) this node accepts per second
 * @param reportBurst outcome reports accepted at once before that rate applies
 */
@ConfigurationProperties("catalog.security")
record SecurityProperties(
        String adminToken,
        String editorToken,
        String readerToken,
        @DefaultValue List<HashedToken> tokens,
        @DefaultValue("false") boolean readsRequireToken,
        @DefaultValue("10") double reloadRateLimit,
        @DefaultValue("20") int reloadBurst,
        @DefaultValue("10") double webhookRateLimit,
        @DefaultValue("20") int webhookBurst,
        @DefaultValue("1") double rejectedWebhookRateLimit,
        @DefaultValue("10") int rejectedWebhookBurst,
        String metricsToken,
        String approverToken,
        String tokensFile,
        @DefaultValue("1s") Duration tokensFileCheckInterval,
        @DefaultValue Jwt jwt,
        @DefaultValue("200") double reportRateLimit,
        @DefaultValue("400") int reportBurst) {

    /**
     * A token known by its hash.
     *
     * @param principal who the token stands for, recorded with every change it makes
     * @param role what it may do
     * @param sha256 hex SHA-256 of the token
     */
    record HashedToken(String principal, Role role, String sha256) {}

    /**
     * JWT bearer tokens ({@code catalog.security.jwt.*}).
     *
     * @param roleClaim the claim that carries the role: a string or a list of strings, of which the
     *     highest known role counts
     */
    record Jwt(@DefaultValue("roles") String roleClaim) {}
}
