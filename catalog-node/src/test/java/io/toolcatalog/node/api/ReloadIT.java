package io.toolcatalog.node.api;

import static io.toolcatalog.node.api.Problems.assertBadRequest;
import static io.toolcatalog.node.api.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolcatalog.core.cluster.NodeIdentity;
import io.toolcatalog.core.reload.CatalogReloader;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/** Explicit reloads, the reload history and the statistics, as the single-node predecessor shaped them and the cluster extends them. */
class ReloadIT extends ApiTestSupport {

    static final String RELOAD = TOOLS + "/reload";

    @Autowired
    NodeIdentity node;

    @Autowired
    CatalogReloader reloader;

    @Nested
    class ManualReload {

        @Test
        void answersTheSeedFieldsAndWhereItRan() {
            Api.Reply reply =
                    api.post(RELOAD + "?triggered_by=test").token(ADMIN).send();

            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            JsonNode body = reply.json();
            assertThat(body.path("success").asBoolean()).isTrue();
            assertThat(body.path("trigger").asText()).isEqualTo("manual");
            assertThat(body.has("tool_name")).isTrue();
            assertThat(body.path("tool_name").isNull()).isTrue();
            assertThat(body.path("triggered_by").asText()).isEqualTo("test");
            assertThat(Instant.parse(body.path("timestamp").asText())).isBeforeOrEqualTo(Instant.now());
            assertThat(body.path("duration_ms").isNumber()).isTrue();
            assertThat(body.has("error_message")).isTrue();
            assertThat(body.path("error_message").isNull()).isTrue();
            assertThat(body.path("reload_id").asText()).hasSize(36);
            assertThat(body.path("node_id").asText()).isEqualTo(node.nodeId());
            assertThat(body.path("revision").asLong()).isEqualTo(database().revision());
            assertThat(body.path("scope").asText()).isEqualTo("cluster");
            assertThat(body.has("nodes")).isFalse();
        }

        @Test
        void triggeredByIsThePrincipalWhenNotGiven() {
            String reason = unique("why");
            api.post(RELOAD + "?reason=" + reason).token(ADMIN).send();

            JsonNode event = api
                    .get(RELOAD + "/history?trigger=manual&limit=100")
                    .send()
                    .json()
                    .path("history")
                    .findParents("reason")
                    .stream()
                    .filter(e -> e.path("reason").asText().equals(reason))
                    .findFirst()
                    .orElseThrow();
            assertThat(event.path("triggered_by").asText()).isEqualTo("admin");
            assertThat(event.path("principal").asText()).isEqualTo("admin");
        }

        @Test
        void reloadsOneToolWhenNamed() {
            String name = createTool(unique("one"));
            Api.Reply reply =
                    api.post(RELOAD + "?tool_name=" + name).token(ADMIN).send();

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().path("tool_name").asText()).isEqualTo(name);
        }

        @Test
        void withWaitListsEveryLiveNodesOutcome() {
            Api.Reply reply = api.post(RELOAD + "?wait_ms=3000").token(ADMIN).send();

            JsonNode body = reply.json();
            assertThat(body.path("nodes")).hasSize(1);
            JsonNode outcome = body.path("nodes").get(0);
            assertThat(outcome.path("node_id").asText()).isEqualTo(node.nodeId());
            assertThat(outcome.path("success").asBoolean()).isTrue();
            assertThat(outcome.path("revision").asLong()).isEqualTo(database().revision());
            assertThat(outcome.has("duration_ms")).isTrue();
            assertThat(outcome.has("error_message")).isTrue();
            assertThat(body.path("missing_nodes").isArray()).isTrue();
            assertThat(body.path("missing_nodes")).isEmpty();
        }

        @Test
        void reloadsOnlyThisNodeWithScopeNode() {
            Api.Reply reply = api.post(RELOAD + "?scope=node").token(ADMIN).send();

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().path("scope").asText()).isEqualTo("node");
        }

        @Test
        void refusesAnUnknownScope() {
            assertBadRequest(api.post(RELOAD + "?scope=everywhere").token(ADMIN).send(), "scope", "'everywhere'");
        }

        @Test
        void refusesAWaitPastThirtySeconds() {
            assertBadRequest(api.post(RELOAD + "?wait_ms=30001").token(ADMIN).send(), "wait_ms", "between 0 and 30000");
        }

        @Test
        void refusesAWaitThatIsNotANumber() {
            assertBadRequest(api.post(RELOAD + "?wait_ms=soon").token(ADMIN).send(), "wait_ms", "'soon'");
        }

        @Test
        void refusesAToolNameAgainstThePattern() {
            assertBadRequest(
                    api.post(RELOAD + "?tool_name=Not%20A%20Name").token(ADMIN).send(), "tool_name", "does not match");
        }

        @Test
        void needsAnAdmin() {
            long before = manualReloads();
            assertProblem(api.post(RELOAD).token(EDITOR).send(), 403);
            assertProblem(api.post(RELOAD).send(), 401);
            assertThat(manualReloads()).isEqualTo(before);
        }

        private final Instant testStart = Instant.now();

        /** This test's own manual reloads: history reads stop at their limit. */
        private long manualReloads() {
            return api.get(RELOAD + "/history?trigger=manual&limit=100&since=" + testStart)
                    .send()
                    .json()
                    .path("total")
                    .asLong();
        }
    }

    @Nested
    class History {

        @Test
        void listsEventsNewestFirstWithEveryField() {
            String reason = unique("history");
            api.post(RELOAD + "?triggered_by=ops&reason=" + reason).token(ADMIN).send();

            Api.Reply reply =
                    api.get(RELOAD + "/history?limit=1&trigger=manual").send();

            assertThat(reply.status()).isEqualTo(200);
            JsonNode body = reply.json();
            assertThat(body.path("history")).hasSize(1);
            assertThat(body.path("total").asInt()).isPositive();
            assertThat(body.path("source").asText()).isIn("cluster", "local");
            JsonNode event = body.path("history").get(0);
            assertThat(event.path("reason").asText()).isEqualTo(reason);
            assertThat(event.path("trigger").asText()).isEqualTo("manual");
            assertThat(event.path("triggered_by").asText()).isEqualTo("ops");
            assertThat(event.path("success").asBoolean()).isTrue();
            assertThat(event.path("node_id").asText()).isEqualTo(node.nodeId());
            assertThat(event.path("kind").asText()).isEqualTo("full");
            for (String field : new String[] {
                "tool_name",
                "timestamp",
                "error_message",
                "duration_ms",
                "origin_node",
                "reload_id",
                "from_revision",
                "revision",
                "tools_changed",
                "propagation_ms",
                "principal"
            }) {
                assertThat(event.has(field)).as(field).isTrue();
            }
        }

        @Test
        void filtersByToolNameAndNode() {
            String name = createTool(unique("filtered"));

            JsonNode byTool =
                    api.get(RELOAD + "/history?tool_name=" + name).send().json();
            assertThat(byTool.path("history")).isNotEmpty();
            assertThat(byTool.path("history").findValuesAsText("tool_name")).containsOnly(name);
            assertThat(byTool.path("history").get(0).path("trigger").asText()).isEqualTo("api_update");

            assertThat(api.get(RELOAD + "/history?node=" + node.nodeId())
                            .send()
                            .json()
                            .path("total")
                            .asInt())
                    .isPositive();
            assertThat(api.get(RELOAD + "/history?node=elsewhere")
                            .send()
                            .json()
                            .path("total")
                            .asInt())
                    .isZero();
        }

        @Test
        void filtersBySince() {
            assertThat(api.get(RELOAD + "/history?since=2000-01-01T00:00:00Z")
                            .send()
                            .json()
                            .path("total")
                            .asInt())
                    .isPositive();
            assertThat(api.get(RELOAD + "/history?since=2999-01-01T00:00:00Z")
                            .send()
                            .json()
                            .path("total")
                            .asInt())
                    .isZero();
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(
                delimiter = '|',
                quoteCharacter = '"',
                textBlock =
                        """
                refusesALimitPastOneHundred   | limit=101       | limit   | between 1 and 100
                refusesAnUnknownTrigger       | trigger=cosmic  | trigger | 'cosmic'
                refusesASinceThatIsNotIso8601 | since=yesterday | since   | ISO-8601
                """)
        void refusesABadQuery(String behaviour, String query, String field, String detailPart) {
            assertBadRequest(api.get(RELOAD + "/history?" + query).send(), field, detailPart);
        }
    }

    @Nested
    class Statistics {

        @Test
        void countsTheClusterAndEachNode() {
            long before = api.get(RELOAD + "/statistics")
                    .send()
                    .json()
                    .path("total_reloads")
                    .asLong();
            api.post(RELOAD).token(ADMIN).send();

            JsonNode stats = api.get(RELOAD + "/statistics").send().json();

            assertThat(stats.path("total_reloads").asLong()).isGreaterThan(before);
            assertThat(stats.path("successful_reloads").asLong()
                            + stats.path("failed_reloads").asLong())
                    .isEqualTo(stats.path("total_reloads").asLong());
            assertThat(stats.path("success_rate").asDouble())
                    .isEqualTo((double) stats.path("successful_reloads").asLong()
                            / stats.path("total_reloads").asLong());
            assertThat(stats.path("handlers_registered").asInt())
                    .isEqualTo(reloader.handlerCount())
                    .isPositive();
            assertThat(stats.path("periodic_refresh_enabled").asBoolean()).isFalse();
            assertThat(stats.path("refresh_interval_seconds").asInt()).isEqualTo(300);
            JsonNode mine = stats.path("nodes").path(node.nodeId());
            assertThat(mine.path("total_reloads").asLong())
                    .isEqualTo(stats.path("total_reloads").asLong());
            assertThat(mine.has("successful_reloads")).isTrue();
            assertThat(mine.has("failed_reloads")).isTrue();
            assertThat(stats.path("source").asText()).isIn("cluster", "local");
        }
    }

    @Nested
    class ClusterNodes {

        @Test
        void listsThisNodeWithItsRevisionLagAndDigest() {
            createTool(unique("member"));
            Api.Reply reply = api.get("/api/v1/cluster/nodes").send();

            assertThat(reply.status()).isEqualTo(200);
            JsonNode body = reply.json();
            assertThat(body.path("revision").asLong()).isEqualTo(database().revision());
            JsonNode me = body.path("nodes").findParents("node_id").stream()
                    .filter(n -> n.path("node_id").asText().equals(node.nodeId()))
                    .findFirst()
                    .orElseThrow();
            assertThat(me.path("address").asText()).endsWith(":" + port);
            assertThat(me.path("status").asText()).isEqualTo("up");
            assertThat(me.path("started_at").asText()).endsWith("Z");
            assertThat(me.has("last_seen")).isTrue();
            assertThat(me.path("applied_revision").asLong())
                    .isEqualTo(database().revision());
            assertThat(me.path("lag").asLong()).isZero();
            assertThat(me.path("digest").asText()).isEqualTo(reloader.snapshot().digest());
            assertThat(me.size()).as("no field beyond these eight").isEqualTo(8);
        }
    }
}
