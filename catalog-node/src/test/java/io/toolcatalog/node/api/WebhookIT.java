package io.toolcatalog.node.api;

import static io.toolcatalog.node.api.Problems.assertBadRequest;
import static io.toolcatalog.node.api.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /tools/reload/webhook}: HMAC-SHA256 of the raw body, a timestamp within five
 * minutes, no replays. A refused call leaves no webhook reload in the history.
 */
class WebhookIT extends ApiTestSupport {

    static final String WEBHOOK = TOOLS + "/reload/webhook";

    static String sign(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    static String payload(long timestamp, String extra) {
        return "{\"timestamp\": " + timestamp + extra + "}";
    }

    Api.Reply send(String body, String signature) {
        Api.Call call = api.post(WEBHOOK).json(body);
        return signature == null
                ? call.send()
                : call.header("X-Catalog-Signature", signature).send();
    }

    /** When this test began: history reads stop at their limit, so counts look at this test's own events. */
    final Instant testStart = Instant.now();

    long webhookReloads() {
        return api.get(TOOLS + "/reload/history?trigger=webhook&limit=100&since=" + testStart)
                .send()
                .json()
                .path("total")
                .asLong();
    }

    @Nested
    class Accepted {

        @Test
        void aSignedFreshRequestReloadsTheClusterWithTriggerWebhook() throws Exception {
            String reason = unique("deploy");
            String body = payload(
                    Instant.now().getEpochSecond(), ", \"reason\": \"" + reason + "\", \"triggered_by\": \"ci\"");
            long before = webhookReloads();

            Api.Reply reply = send(body, sign(WEBHOOK_SECRET, body));

            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            assertThat(reply.json().path("success").asBoolean()).isTrue();
            assertThat(reply.json().path("trigger").asText()).isEqualTo("webhook");
            assertThat(reply.json().path("triggered_by").asText()).isEqualTo("ci");
            assertThat(reply.json().path("scope").asText()).isEqualTo("cluster");
            assertThat(webhookReloads()).isEqualTo(before + 1);
            var event = api.get(TOOLS + "/reload/history?trigger=webhook&limit=1")
                    .send()
                    .json()
                    .path("history")
                    .get(0);
            assertThat(event.path("reason").asText()).isEqualTo(reason);
            assertThat(event.path("principal").asText()).isEqualTo("webhook");
        }

        @Test
        void reloadsOneToolWhenNamed() throws Exception {
            String name = createTool(unique("hooked"));
            String body = payload(Instant.now().getEpochSecond(), ", \"tool_name\": \"" + name + "\"");

            Api.Reply reply = send(body, sign(WEBHOOK_SECRET, body));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().path("tool_name").asText()).isEqualTo(name);
        }

        @Test
        void acceptsAnUppercaseSignature() throws Exception {
            String body = payload(Instant.now().getEpochSecond(), ", \"reason\": \"" + unique("upper") + "\"");
            String signature = sign(WEBHOOK_SECRET, body);

            Api.Reply reply = send(body, "sha256=" + signature.substring(7).toUpperCase());

            assertThat(reply.status()).isEqualTo(200);
        }
    }

    @Nested
    class Refused {

        @Test
        void withoutASignature() {
            long before = webhookReloads();
            String body = payload(Instant.now().getEpochSecond(), "");

            assertProblem(send(body, null), 401);
            assertThat(webhookReloads()).isEqualTo(before);
        }

        @Test
        void signedWithAnotherSecret() throws Exception {
            long before = webhookReloads();
            String body = payload(Instant.now().getEpochSecond(), "");

            assertProblem(send(body, sign("not-the-secret", body)), 401);
            assertThat(webhookReloads()).isEqualTo(before);
        }

        @Test
        void whenTheBodyWasChangedAfterSigning() throws Exception {
            long before = webhookReloads();
            long now = Instant.now().getEpochSecond();
            String signature = sign(WEBHOOK_SECRET, payload(now, ""));

            assertProblem(send(payload(now, ", \"tool_name\": \"grep\""), signature), 401);
            assertThat(webhookReloads()).isEqualTo(before);
        }

        @Test
        void withATimestampOlderThanFiveMinutes() throws Exception {
            long before = webhookReloads();
            String body = payload(Instant.now().minusSeconds(301).getEpochSecond(), "");

            assertBadRequest(send(body, sign(WEBHOOK_SECRET, body)), "timestamp", "within 300 s");
            assertThat(webhookReloads()).isEqualTo(before);
        }

        @Test
        void withATimestampFromTheFuture() throws Exception {
            String body = payload(Instant.now().plusSeconds(600).getEpochSecond(), "");

            assertBadRequest(send(body, sign(WEBHOOK_SECRET, body)), "timestamp", "within 300 s");
        }

        @Test
        void withoutATimestamp() throws Exception {
            String body = "{\"reason\": \"no time\"}";

            assertBadRequest(send(body, sign(WEBHOOK_SECRET, body)), "timestamp", "required");
        }

        @Test
        void aReplayOfAnAcceptedRequest() throws Exception {
            String body = payload(Instant.now().getEpochSecond(), ", \"reason\": \"" + unique("once") + "\"");
            String signature = sign(WEBHOOK_SECRET, body);
            assertThat(send(body, signature).status()).isEqualTo(200);
            long before = webhookReloads();

            Api.Reply replay = send(body, signature);

            assertProblem(replay, 409);
            assertThat(webhookReloads()).isEqualTo(before);
        }

        @Test
        void anUnknownFieldNamingIt() throws Exception {
            String body = payload(Instant.now().getEpochSecond(), ", \"target\": \"all\"");

            assertBadRequest(send(body, sign(WEBHOOK_SECRET, body)), "target", "unknown field");
        }

        @Test
        void malformedJson() throws Exception {
            String body = "{\"timestamp\": ";

            assertBadRequest(send(body, sign(WEBHOOK_SECRET, body)), "body", "not well-formed");
        }

        @Test
        void aTimestampThatIsNotANumber() throws Exception {
            String body = "{\"timestamp\": \"now\"}";

            assertBadRequest(send(body, sign(WEBHOOK_SECRET, body)), "timestamp", "must be an integer");
        }
    }
}
