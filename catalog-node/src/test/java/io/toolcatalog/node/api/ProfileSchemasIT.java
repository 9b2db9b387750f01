package io.toolcatalog.node.api;

import static io.toolcatalog.node.api.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Setting, reading and deleting profile schemas; a schema that tools break is refused, listing them. */
class ProfileSchemasIT extends SchemaSupport {

    @Test
    void setsASchemaAsACatalogChangeAndServesIt() {
        long before = database().revision();

        long revision = setStrictSchema();

        assertThat(revision).isEqualTo(before + 1);
        assertThat(jdbc.queryForObject(
                        "SELECT operation FROM catalog_changes WHERE revision = ?", String.class, revision))
                .isEqualTo("schema_set");
        Api.Reply one = api.get(SCHEMAS + "/" + profile).send();
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.revisionHeader()).isGreaterThanOrEqualTo(revision);
        assertThat(one.json()
                        .path("schema")
                        .path("properties")
                        .path("timeout_ms")
                        .path("maximum")
                        .asInt())
                .isEqualTo(1000);
        assertThat(api.get(SCHEMAS).send().json().path("schemas").has(profile)).isTrue();
    }

    @Test
    void refusesASchemaThatToolsBreakListingThemAndSetsNothing() {
        String bad = unique("bad");
        String good = unique("good");
        api.post(TOOLS).token(EDITOR).json(toolWith(bad, 5000)).send();
        api.post(TOOLS).token(EDITOR).json(toolWith(good, 500)).send();
        var before = database();

        Api.Reply reply =
                api.put(SCHEMAS + "/" + profile).token(ADMIN).json(STRICT).send();

        assertProblem(reply, 422);
        assertThat(reply.json().path("tools").toString()).contains(bad).doesNotContain(good);
        assertThat(reply.json().path("violations").get(0).path("field").asText())
                .isEqualTo("profiles." + profile + ".timeout_ms");
        assertThat(database()).isEqualTo(before);
        assertThat(api.get(SCHEMAS + "/" + profile).send().status()).isEqualTo(404);
    }

    @Test
    void aDryRunListsTheToolsItWouldRejectAndSetsNothing() {
        String bad = unique("dry");
        api.post(TOOLS).token(EDITOR).json(toolWith(bad, 5000)).send();
        var before = database();

        Api.Reply reply = api.put(SCHEMAS + "/" + profile + "?dry_run=true")
                .token(ADMIN)
                .json(STRICT)
                .send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().path("would_reject").toString()).isEqualTo("[\"" + bad + "\"]");
        assertThat(database()).isEqualTo(before);
    }

    @Test
    void refusesADocumentThatIsNotAJsonSchema() {
        var before = database();

        Api.Reply reply = api.put(SCHEMAS + "/" + profile)
                .token(ADMIN)
                .json("{\"type\": \"no-such-type\"}")
                .send();

        assertProblem(reply, 400);
        assertThat(reply.json().path("field").asText()).startsWith("schema");
        assertThat(database()).isEqualTo(before);
    }

    @Test
    void onlyAnAdminSetsOrDeletesASchema() {
        assertThat(api.put(SCHEMAS + "/" + profile)
                        .token(EDITOR)
                        .json(STRICT)
                        .send()
                        .status())
                .isEqualTo(403);
        assertThat(api.put(SCHEMAS + "/" + profile).json(STRICT).send().status())
                .isEqualTo(401);
        setStrictSchema();
        assertThat(api.delete(SCHEMAS + "/" + profile).token(EDITOR).send().status())
                .isEqualTo(403);
    }

    @Test
    void deletingASchemaStopsTheCheck() {
        setStrictSchema();

        Api.Reply deleted = api.delete(SCHEMAS + "/" + profile).token(ADMIN).send();

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertThat(api.get(SCHEMAS + "/" + profile).send().status()).isEqualTo(404);
        assertThat(api.post(TOOLS)
                        .token(EDITOR)
                        .json(toolWith(unique("free"), 5000))
                        .send()
                        .status())
                .isEqualTo(201);
        assertThat(api.delete(SCHEMAS + "/" + profile).token(ADMIN).send().status())
                .isEqualTo(404);
    }
}
