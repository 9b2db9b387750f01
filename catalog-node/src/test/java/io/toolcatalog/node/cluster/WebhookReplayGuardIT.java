package io.toolcatalog.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.toolcatalog.node.testing.TestNodes;
import io.toolcatalog.node.testing.TestNodes.Node;
import io.toolcatalog.testsupport.PrivateRedis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook's replay guard is cluster-wide or nothing: while Redis does not answer, a signed
 * call is refused with 503 and Retry-After (a per-node memory would accept the same captured
 * request once on every node), and the sender's retry of that same request succeeds once Redis is
 * back. A Redis of the test's own, killed and restarted on its port.
 */
class WebhookReplayGuardIT {

    private static final String SECRET = "replay-secret";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private PrivateRedis redis;
    private Node node;

    @BeforeEach
    void start() {
        redis = PrivateRedis.server();
        node = TestNodes.alone(
                "replay-a",
                Map.of(
                        "spring.data.redis.url",
                        redis.url(),
                        "catalog.webhook.secret",
                        SECRET,
                        "catalog.cluster.circuit-open-duration",
                        "200ms"));
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        redis.close();
    }

    private HttpResponse<String> send(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        return http.send(
                HttpRequest.newBuilder(URI.create(node.baseUrl() + "/api/v1/tools/reload/webhook"))
                        .header("Content-Type", "application/json")
                        .header("X-Catalog-Signature", signature)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String payload(String reason) {
        return "{\"timestamp\": " + System.currentTimeMillis() / 1000 + ", \"reason\": \"" + reason + "\"}";
    }

    @Test
    void refusesWith503WhileRedisIsDownAndAcceptsTheRetryOnceItIsBack() throws Exception {
        String before = payload("before");
        assertThat(send(before).statusCode()).isEqualTo(200);
        assertThat(send(before).statusCode()).isEqualTo(409);

        redis.kill();
        String during = payload("during");
        HttpResponse<String> refused = send(during);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(send(during).statusCode()).isEqualTo(503);

        redis.start();
        int retried =
                await().atMost(Duration.ofSeconds(10)).until(() -> send(during).statusCode(), status -> status != 503);

        assertThat(retried).isEqualTo(200);
        assertThat(send(during).statusCode()).isEqualTo(409);
    }
}
