package io.toolcatalog.api.webhook;

import io.toolcatalog.api.error.ApiProblem;
import java.time.Clock;
import java.time.Instant;

/**
 * What makes a webhook call genuine: an HMAC of the raw body under {@code catalog.webhook.secret},
 * a signed timestamp within {@code tolerance} of now, which bounds how long a captured request is
 * worth anything, and a signature the {@link ReplayGuard} has not seen before.
 */
final class WebhookProof {

    private final WebhookProperties properties;
    private final ReplayGuard replayGuard;
    private final Clock clock;

    WebhookProof(WebhookProperties properties, ReplayGuard replayGuard, Clock clock) {
        this.properties = properties;
        this.replayGuard = replayGuard;
        this.clock = clock;
    }

    /** True when {@code signature} (the header, null when absent) is the HMAC of {@code body}. */
    boolean signed(byte[] body, String signature) {
        return WebhookSignature.matches(properties.secret(), body, signature);
    }

    /** When the call was signed; 400 when {@code timestamp} is missing or further from now than the tolerance. */
    Instant sentAt(Long timestamp) {
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

    /** 409 when {@code signature} was already used; 503 when the replay guard cannot be asked. */
    void firstUse(String signature, Instant sentAt) {
        boolean firstUse;
        try {
            firstUse = replayGuard.firstUse(signature.trim().toLowerCase(), sentAt.plus(properties.tolerance()));
        } catch (ReplayGuard.Unavailable e) {
            throw ApiProblem.serviceUnavailable("The cluster-wide replay check cannot be made right now; retry", 1);
        }
        if (!firstUse) {
            throw ApiProblem.conflict("This webhook request was already received; send a new timestamp");
        }
    }
}
