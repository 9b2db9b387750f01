package io.toolcatalog.node.api;

import static io.toolcatalog.node.api.Problems.assertBadRequest;
import static io.toolcatalog.node.api.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.toolcatalog.node.CatalogNodeApplication;
import io.toolcatalog.node.testing.CatalogTestInitializer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * A node configured tightly: small limits, reads that need a token, a reload budget of two, no
 * webhook secret. One context for all of it, so the suite stays within PostgreSQL's connections.
 */
@SpringBootTest(
        classes = CatalogNodeApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "catalog.limits.max-tags=2",
            "catalog.limits.max-profiles=1",
            "catalog.limits.max-import-tools=3",
            "catalog.limits.max-description-length=50",
            "catalog.limits.max-body-size=2KB",
            "catalog.security.reads-require-token=true",
            "catalog.security.reload-rate-limit=0.001",
            "catalog.security.reload-burst=2"
        })
@ContextConfiguration(initializers = CatalogTestInitializer.class)
class RestrictedNodeIT extends ApiTestSupport {

    static final int LIMIT = 2048;

    private static String padded(String name, int size) {
        String head = "{\"name\": \"" + name + "\", \"description\": \"d\", \"category\": \"";
        return head + "x".repeat(size - head.length() - 2) + "\"}";
    }

    @Nested
    class Limits {

        @Test
        void refusesMoreTagsThanConfigured() {
            var before = database();
            String body = "{\"name\": \"%s\", \"description\": \"d\", \"tags\": [\"a\", \"b\", \"c\"]}"
                    .formatted(unique("tags"));
            assertBadRequest(api.post(TOOLS).token(EDITOR).json(body).send(), "tags", "more than 2 tags");
            assertThat(database()).isEqualTo(before);
        }

        @Test
        void refusesMoreProfilesThanConfigured() {
            var before = database();
            String body = "{\"name\": \"%s\", \"description\": \"d\", \"profiles\": {\"a\": {}, \"b\": {}}}"
                    .formatted(unique("profiles"));
            assertBadRequest(api.post(TOOLS).token(EDITOR).json(body).send(), "profiles", "more than 1 profiles");
            assertThat(database()).isEqualTo(before);
        }

        @Test
        void refusesALongerDescriptionThanConfigured() {
            var before = database();
            String body = "{\"name\": \"%s\", \"description\": \"%s\"}".formatted(unique("desc"), "d".repeat(51));
            assertBadRequest(api.post(TOOLS).token(EDITOR).json(body).send(), "description", "longer than 50");
            assertThat(database()).isEqualTo(before);
        }

        @Test
        void refusesAnImportOfMoreToolsThanConfigured() {
            var before = database();
            StringBuilder tools = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                tools.append(i == 0 ? "" : ",")
                        .append("{\"name\": \"imp")
                        .append(i)
                        .append("\", \"description\": \"d\"}");
            }
            assertBadRequest(
                    api.post(TOOLS + "/import")
                            .token(ADMIN)
                            .json("{\"tools\": [" + tools + "]}")
                            .send(),
                    "tools",
                    "more than the limit of 3");
            assertThat(database()).isEqualTo(before);
        }
    }

    @Nested
    class BodySize {

        @Test
        void refusesADeclaredLengthPastTheLimitWith413() {
            var before = database();
            Api.Reply reply = api.post(TOOLS)
                    .token(EDITOR)
                    .json(padded(unique("big"), LIMIT + 1))
                    .send();

            assertProblem(reply, 413);
            assertThat(reply.json().path("field").asText()).isEqualTo("body");
            assertThat(database()).isEqualTo(before);
        }

        @Test
        void refusesAChunkedBodyThatGrowsPastTheLimit() {
            var before = database();
            byte[] body = padded(unique("chunked"), LIMIT + 100).getBytes(StandardCharsets.UTF_8);
            Api.Reply reply = api.post(TOOLS)
                    .token(EDITOR)
                    .streamed(() -> new ByteArrayInputStream(body), "application/json")
                    .send();

            assertProblem(reply, 413);
            assertThat(reply.json().path("field").asText()).isEqualTo("body");
            assertThat(database()).isEqualTo(before);
        }

        @Test
        void refusesAYamlImportPastTheLimit() {
            var before = database();
            String yaml = "tools:\n  - name: big\n    description: " + "y".repeat(LIMIT) + "\n";
            Api.Reply reply = api.post(TOOLS + "/import")
                    .token(ADMIN)
                    .streamed(() -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "application/yaml")
                    .send();

            assertProblem(reply, 413);
            assertThat(database()).isEqualTo(before);
        }

        @Test
        void acceptsABodyJustWithinTheLimit() {
            String name = unique("fits");
            Api.Reply reply =
                    api.post(TOOLS).token(EDITOR).json(padded(name, LIMIT)).send();

            assertProblem(reply, 400); // the category is too long, so the body itself was read and judged
            assertThat(reply.json().path("field").asText()).isEqualTo("category");
        }
    }

    @Nested
    class ReadsRequireAToken {

        @Test
        void aReadWithoutATokenIs401() {
            Api.Reply reply = assertProblem(api.get(TOOLS).send(), 401);
            assertThat(reply.header("WWW-Authenticate")).contains("Bearer");
            assertProblem(api.get("/api/v1/profiles").send(), 401);
        }

        @Test
        void aReaderMayRead() {
            assertThat(api.get(TOOLS).token(READER).send().status()).isEqualTo(200);
            assertThat(api.get("/api/v1/tools/reload/history")
                            .token(READER)
                            .send()
                            .status())
                    .isEqualTo(200);
        }

        @Test
        void actuatorStaysOpen() {
            assertThat(api.get("/actuator/health").send().status()).isEqualTo(200);
        }
    }

    @Nested
    class Webhook {

        @Test
        void isNotFoundWhileNoSecretIsSet() throws Exception {
            String body = "{\"timestamp\": " + Instant.now().getEpochSecond() + "}";
            Api.Reply reply = api.post(TOOLS + "/reload/webhook")
                    .json(body)
                    .header("X-Catalog-Signature", WebhookIT.sign("any-secret", body))
                    .send();

            assertProblem(reply, 404);
        }
    }

    @Nested
    class ReloadRateLimit {

        @Test
        void answers429WithRetryAfterOnceTheBurstIsSpent() {
            for (int i = 0; i < 2; i++) {
                assertThat(api.post(TOOLS + "/reload").token(ADMIN).send().status())
                        .isEqualTo(200);
            }
            long reloads = api.get(TOOLS + "/reload/history?trigger=manual")
                    .token(READER)
                    .send()
                    .json()
                    .path("total")
                    .asLong();

            Api.Reply reply = api.post(TOOLS + "/reload").token(ADMIN).send();

            assertProblem(reply, 429);
            assertThat(Long.parseLong(reply.header("Retry-After").orElseThrow()))
                    .isPositive();
            assertThat(api.get(TOOLS + "/reload/history?trigger=manual")
                            .token(READER)
                            .send()
                            .json()
                            .path("total")
                            .asLong())
                    .isEqualTo(reloads);
        }
    }
}
