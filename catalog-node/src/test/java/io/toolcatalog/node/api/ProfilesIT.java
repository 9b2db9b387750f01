package io.toolcatalog.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code GET /profiles}: what pipelines load, kept current by a reload handler, with an ETag per revision. */
class ProfilesIT extends ApiTestSupport {

    static final String PROFILES = "/api/v1/profiles";

    @Nested
    class View {

        @Test
        void listsTheProfilesOfEnabledToolsOnly() {
            String on = createTool(unique("on"));
            String off = createTool(unique("off"));
            api.patch(TOOLS + "/" + off + "/disable").token(EDITOR).send();

            Api.Reply reply = api.get(PROFILES).send();

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.contentType()).startsWith("application/json");
            JsonNode body = reply.json();
            assertThat(body.path("revision").asLong()).isEqualTo(database().revision());
            assertThat(body.path("tools")
                            .path(on)
                            .path("default")
                            .path("timeout_ms")
                            .asInt())
                    .isEqualTo(5000);
            assertThat(body.path("tools").has(off)).isFalse();
        }

        @Test
        void followsEveryChange() {
            String name = createTool(unique("follow"));
            api.put(TOOLS + "/" + name)
                    .token(EDITOR)
                    .json("{\"profiles\": {\"cheap\": {\"cost_weight\": 0.9}}}")
                    .send();

            JsonNode tool = api.get(PROFILES).send().json().path("tools").path(name);

            assertThat(tool.has("default")).isFalse();
            assertThat(tool.path("cheap").path("cost_weight").asDouble()).isEqualTo(0.9);
        }
    }

    @Nested
    class Caching {

        @Test
        void carriesTheRevisionAsETag() {
            createTool(unique("etag"));
            Api.Reply reply = api.get(PROFILES).send();

            assertThat(reply.header("ETag")).contains("\"r" + database().revision() + "\"");
        }

        @Test
        void answersNotModifiedForTheCurrentRevision() {
            createTool(unique("etag"));
            String etag = api.get(PROFILES).send().header("ETag").orElseThrow();

            Api.Reply reply = api.get(PROFILES).header("If-None-Match", etag).send();

            assertThat(reply.status()).isEqualTo(304);
            assertThat(reply.body()).isEmpty();
            assertThat(reply.header("X-Catalog-Revision")).isPresent();
        }

        @Test
        void answersTheNewViewAfterAChange() {
            createTool(unique("etag"));
            String etag = api.get(PROFILES).send().header("ETag").orElseThrow();
            String added = createTool(unique("added"));

            Api.Reply reply = api.get(PROFILES).header("If-None-Match", etag).send();

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.header("ETag")).isNotEqualTo(etag);
            assertThat(reply.json().path("tools").has(added)).isTrue();
        }
    }
}
