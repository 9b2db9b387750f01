package io.toolcatalog.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    static final byte[] BODY = "{\"timestamp\": 1}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signsWithTheRfc4231Hmac() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        assertThat(WebhookSignature.sign("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void matchesItsOwnSignatureInAnyCase() {
        String signature = WebhookSignature.sign("s", BODY);

        assertThat(WebhookSignature.matches("s", BODY, signature)).isTrue();
        assertThat(WebhookSignature.matches("s", BODY, signature.toUpperCase().replace("SHA256=", "sha256=")))
                .isTrue();
    }

    @Test
    void refusesAnotherSecretAnotherBodyOrNoSignature() {
        String signature = WebhookSignature.sign("s", BODY);

        assertThat(WebhookSignature.matches("t", BODY, signature)).isFalse();
        assertThat(WebhookSignature.matches("s", "{}".getBytes(StandardCharsets.UTF_8), signature))
                .isFalse();
        assertThat(WebhookSignature.matches("s", BODY, null)).isFalse();
        assertThat(WebhookSignature.matches("s", BODY, signature.substring(7))).isFalse();
    }
}
