package io.toolcatalog.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A row readers cannot serve (hand-edited in SQL: profiles that do not parse) never reaches them:
 * the reload that reads it fails, says which tool, and the last good snapshot keeps answering.
 */
class UnreadableRowIT extends ApiTestSupport {

    private static final String UNREADABLE = "{\"default\": {\"timeout_ms\": \"soon\"}}";

    @Test
    void aReloadOrACatchUpThatReadsItFailsNamingTheToolAndReadsKeepTheLastGoodContent() {
        String name = createTool(unique("hand-edited"));
        String good = api.get(TOOLS + "/" + name).token(READER).send().body();
        try {
            jdbc.update("UPDATE tools SET profiles = CAST(? AS jsonb) WHERE name = ?", UNREADABLE, name);

            JsonNode reload = api.post(TOOLS + "/reload?triggered_by=it")
                    .token(ADMIN)
                    .send()
                    .json();

            assertThat(reload.path("success").asBoolean()).as(reload.toString()).isFalse();
            assertReadsServe(name, good);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> !failuresNaming(name).isEmpty());

            // the same row at a new revision the change log does not cover: the next write's catch-up reads it
            jdbc.update("UPDATE catalog_state SET revision = revision + 1 WHERE id = 1");
            jdbc.update(
                    "UPDATE tools SET revision = (SELECT revision FROM catalog_state WHERE id = 1) WHERE name = ?",
                    name);
            int failuresBefore = failuresNaming(name).size();
            createTool(unique("another"));

            assertReadsServe(name, good);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> failuresNaming(name).size() > failuresBefore);
        } finally {
            jdbc.update("UPDATE tools SET profiles = '{}' WHERE name = ?", name);
            api.post(TOOLS + "/reload?triggered_by=it").token(ADMIN).send();
        }
    }

    private void assertReadsServe(String name, String good) {
        Api.Reply tool = api.get(TOOLS + "/" + name).token(READER).send();
        assertThat(tool.status()).as(tool.toString()).isEqualTo(200);
        assertThat(tool.body()).isEqualTo(good);
        for (String path : List.of(TOOLS, TOOLS + "/export", "/api/v1/profiles")) {
            Api.Reply reply = api.get(path).token(READER).send();
            assertThat(reply.status()).as(path + ": " + reply).isEqualTo(200);
        }
    }

    /** The failed reloads in the history whose error names the tool. */
    private List<JsonNode> failuresNaming(String name) {
        List<JsonNode> failures = new ArrayList<>();
        JsonNode history = api.get(TOOLS + "/reload/history?limit=100")
                .token(READER)
                .send()
                .json()
                .path("history");
        for (JsonNode event : history) {
            if (!event.path("success").asBoolean()
                    && event.path("error_message").asText().contains("'" + name + "'")) {
                failures.add(event);
            }
        }
        return failures;
    }
}
