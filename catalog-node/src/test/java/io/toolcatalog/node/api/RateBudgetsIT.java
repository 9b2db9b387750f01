package io.toolcatalog.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolcatalog.node.CatalogNodeApplication;
import io.toolcatalog.node.testing.CatalogTestInitializer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/**
 * Rate limits are per purpose and spent only by callers who got past the check: a flood of badly
 * signed webhook calls runs out its own budget (401s, then 429s) and never the admins' reload
 * budget or the budget of correctly signed webhook calls. Default budgets, on a node of its own.
 */
@SpringBootTest(
        classes = CatalogNodeApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "catalog.webhook.secret=" + RateBudgetsIT.SECRET)
@ContextConfiguration(initializers = CatalogTestInitializer.class)
class RateBudgetsIT {

    static final String SECRET = "rate-budget-secret";

    @LocalServerPort
    int port;

    @Test
    void badlySignedWebhookCallsSpendOnlyTheirOwnBudget() throws Exception {
        Api api = new Api(port);
        List<Integer> rejected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String body = WebhookIT.payload(Instant.now().getEpochSecond(), ", \"reason\": \"flood " + i + "\"");
            rejected.add(api.post("/api/v1/tools/reload/webhook")
                    .json(body)
                    .header("X-Catalog-Signature", WebhookIT.sign("wrong-secret", body))
                    .send()
                    .status());
        }

        Api.Reply admin = api.post("/api/v1/tools/reload?scope=node")
                .token(ApiTestSupport.ADMIN)
                .send();
        String body = WebhookIT.payload(Instant.now().getEpochSecond(), ", \"reason\": \"signed\"");
        Api.Reply signed = api.post("/api/v1/tools/reload/webhook")
                .json(body)
                .header("X-Catalog-Signature", WebhookIT.sign(SECRET, body))
                .send();

        assertThat(rejected).containsOnly(401, 429).contains(401, 429);
        assertThat(admin.status()).as(admin.toString()).isEqualTo(200);
        assertThat(signed.status()).as(signed.toString()).isEqualTo(200);
    }

    @Test
    void aFloodOfBadSignaturesIsAnswered429WithRetryAfterOnceItsBudgetIsSpent() throws Exception {
        Api api = new Api(port);
        Api.Reply last = null;
        for (int i = 0; i < 40; i++) {
            String body = WebhookIT.payload(Instant.now().getEpochSecond(), "");
            last = api.post("/api/v1/tools/reload/webhook")
                    .json(body)
                    .header("X-Catalog-Signature", "sha256=00")
                    .send();
        }

        Problems.assertProblem(last, 429);
        assertThat(last.header("Retry-After")).isPresent();
        assertThat(last.json().path("detail").asText()).contains("badly signed webhook calls");
    }
}
