package io.toolcatalog.api.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.toolcatalog.api.error.ApiProblem;
import io.toolcatalog.api.openapi.ApiTags;
import io.toolcatalog.api.reload.ReloadResponse;
import io.toolcatalog.api.security.NoToken;
import io.toolcatalog.api.security.RateBudgets;
import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.cluster.NodeIdentity;
import io.toolcatalog.core.cluster.ReloadRequest;
import io.toolcatalog.core.reload.ClusterReloads;
import io.toolcatalog.core.tool.ToolValidator;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /tools/reload/webhook}: an external system asks for a cluster reload. It proves
 * itself with an HMAC of the raw body instead of a bearer token; the signed timestamp bounds how
 * long a captured request is worth anything, and the {@link ReplayGuard} refuses it a second time.
 */
@RestController
class WebhookController {

    private static final String PRINCIPAL = "webhook";

    private final WebhookProperties properties;
    private final ReplayGuard replayGuard;
    private final RateBudgets budgets;
    private final ClusterReloads reloads;
    private final ToolValidator validator;
    private final NodeIdentity node;
    private final ObjectMapper json;
    private final Clock clock;

    WebhookController(
            WebhookProperties properties,
            ReplayGuard replayGuard,
            RateBudgets budgets,
            ClusterReloads reloads,
            ToolValidator validator,
            NodeIdentity node,
            ObjectMapper json,
            Clock clock) {
        this.properties = properties;
        this.replayGuard = replayGuard;
        this.budgets = budgets;
        this.reloads = reloads;
        this.validator = validator;
        this.node = node;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping(value = "/api/v1/tools/reload/webhook", consumes = MediaType.APPLICATION_JSON_VALUE)
    @NoToken
    @Tag(name = ApiTags.RELOAD)
    @Operation(
            summary = "Reload from a signed webhook",
            description = "An external system asks for a cluster reload, signing the raw body with HMAC-SHA256 in"
                    + " X-Catalog-Signature; timestamp within 5 minutes, each signed request accepted once."
                    + " 404 while no secret is configured.")
    @ApiResponse(responseCode = "200", description = "This node's reload; the others follow")
    @ApiResponse(responseCode = "401", description = "The signature is missing or does not match the body")
    @ApiResponse(responseCode = "404", description = "No webhook secret is configured")
    @ApiResponse(responseCode = "409", description = "This signed request was already received")
    @ApiResponse(
            responseCode = "429",
            description = "Too many webhook calls of this kind (signed, or badly signed) on this node")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content =
                    @io.swagger.v3.oas.annotations.media.Content(
                            mediaType = "application/json",
                            examples =
                                    @io.swagger.v3.oas.annotations.media.ExampleObject(
                                            name = "reload grep",
                                            value = "{\"timestamp\": 1764300000, \"tool_name\": \"grep\","
                                                    + " \"reason\": \"deployed\", \"triggered_by\": \"ci\"}")))
    ReloadResponse webhook(
            @RequestBody byte[] body, @RequestHeader(name = WebhookSignature.HEADER, required = false) String signature)
            throws IOException {
        if (!WebhookSignature.matches(properties.secret(), body, signature)) {
            budgets.take(RateBudgets.Purpose.REJECTED_WEBHOOK);
            throw ApiProblem.badSignature(WebhookSignature.HEADER + " is missing or does not match the body");
        }
        budgets.take(RateBudgets.Purpose.WEBHOOK);
        WebhookPayload payload = json.readValue(body, WebhookPayload.class);
        Instant sentAt = checkTimestamp(payload.timestamp());
        if (payload.toolName() != null) {
            validator.checkName("tool_name", payload.toolName());
        }
        validator.checkActor("triggered_by", payload.triggeredBy());
        validator.checkReason(payload.reason());
        boolean firstUse;
        try {
            firstUse = replayGuard.firstUse(signature.trim().toLowerCase(), sentAt.plus(properties.tolerance()));
        } catch (ReplayGuard.Unavailable e) {
            throw ApiProblem.serviceUnavailable("The cluster-wide replay check cannot be made right now; retry", 1);
        }
        if (!firstUse) {
            throw ApiProblem.conflict("This webhook request was already received; send a new timestamp");
        }
        ReloadRequest request = new ReloadRequest(
                ReloadTrigger.WEBHOOK,
                payload.toolName(),
                payload.triggeredBy() == null || payload.triggeredBy().isBlank() ? PRINCIPAL : payload.triggeredBy(),
                PRINCIPAL,
                payload.reason() == null || payload.reason().isBlank() ? "Webhook" : payload.reason(),
                UUID.randomUUID(),
                node.nodeId());
        return ReloadResponse.from(reloads.reload(request, true, Duration.ZERO), false);
    }

    private Instant checkTimestamp(Long timestamp) {
        if (timestamp == null) {
            throw ApiProblem.badRequest("timestamp", "is required (epoch seconds)");
        }
        long skewSeconds;
        try {
            skewSeconds = Math.abs(Math.subtractExact(clock.instant().getEpochSecond(), timestamp));
        } catch (ArithmeticException e) {
            skewSeconds = Long.MAX_VALUE;
        }
        if (skewSeconds > properties.tolerance().toSeconds()) {
            throw ApiProblem.badRequest(
                    "timestamp",
                    "is " + skewSeconds + " s from now; it must be within "
                            + properties.tolerance().toSeconds() + " s");
        }
        Instant sentAt = Instant.ofEpochSecond(timestamp);
        return sentAt;
    }
}
