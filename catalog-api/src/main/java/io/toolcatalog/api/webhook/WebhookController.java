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
import java.io.IOException;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /tools/reload/webhook}: an external system asks for a cluster reload. It proves
 * itself with an HMAC of the raw body instead of a bearer token ({@link WebhookProof}); each call,
 * signed or badly signed, takes a token of its own rate budget.
 */
@RestController
class WebhookController {

    private final WebhookProof proof;
    private final RateBudgets budgets;
    private final ObjectMapper json;
    private final WebhookReloads reloads;

    WebhookController(WebhookProof proof, RateBudgets budgets, ObjectMapper json, WebhookReloads reloads) {
        this.proof = proof;
        this.budgets = budgets;
        this.json = json;
        this.reloads = reloads;
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
        if (!proof.signed(body, signature)) {
            budgets.take(RateBudgets.Purpose.REJECTED_WEBHOOK);
            throw ApiProblem.badSignature(WebhookSignature.HEADER + " is missing or does not match the body");
        }
        budgets.take(RateBudgets.Purpose.WEBHOOK);
        WebhookPayload payload = json.readValue(body, WebhookPayload.class);
        Instant sentAt = proof.sentAt(payload.timestamp());
        reloads.check(payload);
        proof.firstUse(signature, sentAt);
        return reloads.reload(payload);
    }
}
