package io.toolcatalog.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The single-node Python predecessor's four acceptance tests and usage examples, sent as its curl
 * commands sent them (it listened on port 8000), with the bearer token that writes now need: users'
 * scripts written against it keep working.
 */
class PredecessorExamplesIT extends ApiTestSupport {

    @BeforeEach
    void grepExists() {
        if (api.get(TOOLS + "/grep").send().status() == 404) {
            assertThat(api.post(TOOLS)
                            .token(EDITOR)
                            .json("{\"name\": \"grep\", \"description\": \"Search text using patterns\"}")
                            .send()
                            .status())
                    .isEqualTo(201);
        }
    }

    @Nested
    class Test1ManualReload {

        /** curl -X POST "http://localhost:8000/api/v1/tools/reload?triggered_by=test" */
        @Test
        void succeeds() {
            Api.Reply reply = api.post("/api/v1/tools/reload?triggered_by=test")
                    .token(ADMIN)
                    .send();

            assertThat(reply.status()).isEqualTo(200);
            JsonNode body = reply.json();
            assertThat(body.path("success").asBoolean()).isTrue();
            assertThat(body.path("trigger").asText()).isEqualTo("manual");
            assertThat(body.path("triggered_by").asText()).isEqualTo("test");
            assertThat(body.path("duration_ms").asDouble()).isNotNegative();
            assertThat(body.path("error_message").isNull()).isTrue();
        }
    }

    @Nested
    class Test2AutomaticReloadOnUpdate {

        /**
         * curl -X PUT "http://localhost:8000/api/v1/tools/grep" -H "Content-Type: application/json" \
         * -d '{"description": "Search text using patterns (UPDATED)", "updated_by": "test_user"}'
         */
        @Test
        void updatesAndReloadsTriggeredByTheUser() {
            Api.Reply reply = api.put("/api/v1/tools/grep")
                    .token(EDITOR)
                    .header("Content-Type", "application/json")
                    .json("{\"description\": \"Search text using patterns (UPDATED)\", \"updated_by\": \"test_user\"}")
                    .send();

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().path("description").asText()).isEqualTo("Search text using patterns (UPDATED)");
            JsonNode event = api.get("/api/v1/tools/reload/history?limit=1&tool_name=grep")
                    .send()
                    .json()
                    .path("history")
                    .get(0);
            assertThat(event.path("trigger").asText()).isEqualTo("api_update");
            assertThat(event.path("tool_name").asText()).isEqualTo("grep");
            assertThat(event.path("triggered_by").asText()).isEqualTo("test_user");
            assertThat(event.path("reason").asText()).isEqualTo("Tool updated");
            assertThat(event.path("success").asBoolean()).isTrue();
            assertThat(event.path("revision").asLong())
                    .isEqualTo(reply.json().path("revision").asLong());
        }
    }

    @Nested
    class Test3ReloadHistory {

        /** curl "http://localhost:8000/api/v1/tools/reload/history?limit=5" */
        @Test
        void showsTheRecentReloadsWithThePredecessorsFields() {
            api.post("/api/v1/tools/reload?triggered_by=test").token(ADMIN).send();

            JsonNode body =
                    api.get("/api/v1/tools/reload/history?limit=5").send().json();

            assertThat(body.path("history").size()).isBetween(2, 5);
            assertThat(body.path("total").asInt()).isGreaterThanOrEqualTo(2);
            for (JsonNode event : body.path("history")) {
                for (String field : new String[] {
                    "trigger",
                    "tool_name",
                    "triggered_by",
                    "reason",
                    "timestamp",
                    "success",
                    "error_message",
                    "duration_ms"
                }) {
                    assertThat(event.has(field)).as(field).isTrue();
                }
            }
            assertThat(body.path("history").get(0).path("trigger").asText()).isEqualTo("manual");
        }

        /** curl "http://localhost:8000/api/v1/tools/reload/history?limit=10" | jq '.history[] | select(.success == false)' */
        @Test
        void recentFailuresFilterToNothingWhenAllSucceeded() {
            JsonNode body =
                    api.get("/api/v1/tools/reload/history?limit=10").send().json();

            List<JsonNode> failures = new ArrayList<>();
            body.path("history").forEach(event -> {
                if (!event.path("success").asBoolean()) {
                    failures.add(event);
                }
            });
            assertThat(body.path("history")).isNotEmpty();
            assertThat(failures).isEmpty();
        }
    }

    @Nested
    class Test4ReloadStatistics {

        /** curl "http://localhost:8000/api/v1/tools/reload/statistics" */
        @Test
        void showsThePredecessorsCounters() {
            JsonNode stats = api.get("/api/v1/tools/reload/statistics").send().json();

            assertThat(stats.path("total_reloads").asLong()).isGreaterThanOrEqualTo(2);
            assertThat(stats.path("successful_reloads").asLong())
                    .isEqualTo(stats.path("total_reloads").asLong());
            assertThat(stats.path("failed_reloads").asLong()).isZero();
            assertThat(stats.path("success_rate").asDouble()).isEqualTo(1.0);
            assertThat(stats.path("handlers_registered").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(stats.path("periodic_refresh_enabled").isBoolean()).isTrue();
            assertThat(stats.path("refresh_interval_seconds").asInt()).isEqualTo(300);
        }
    }
}
