package io.toolcatalog.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Profile schema tests on the shared API node: each test uses a profile name of its own, so a
 * schema it sets touches only its own tools, and deletes its schema afterwards.
 */
abstract class SchemaSupport extends ApiTestSupport {

    static final String SCHEMAS = "/api/v1/schemas/profiles";

    /** At most 1000 ms for {@code timeout_ms}, which is required. */
    static final String STRICT =
            """
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
             "required": ["timeout_ms"], "properties": {"timeout_ms": {"type": "integer", "maximum": 1000}}}
            """;

    String profile;

    @BeforeEach
    void pickProfile() {
        profile = unique("stage").replace('-', '_');
    }

    @AfterEach
    void dropSchema() {
        jdbc.update("DELETE FROM profile_schemas WHERE name = ?", profile);
    }

    /** Sets {@link #STRICT} as the schema of this test's profile, as an admin. */
    long setStrictSchema() {
        Api.Reply reply =
                api.put(SCHEMAS + "/" + profile).token(ADMIN).json(STRICT).send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().path("revision").asLong();
    }

    /** A tool whose only profile is this test's, with {@code timeoutMs}. */
    String toolWith(String name, int timeoutMs) {
        return """
                {"name": "%s", "description": "d", "profiles": {"%s": {"timeout_ms": %d}}}
                """
                .formatted(name, profile, timeoutMs);
    }

    /** The problem names the field of this test's profile that breaks its schema; nothing was written. */
    void assertRejected(Api.Reply reply, String prefix, DatabaseState before) {
        Problems.assertProblem(reply, 422);
        assertThat(reply.json().path("field").asText())
                .as(reply.toString())
                .isEqualTo(prefix + "profiles." + profile + ".timeout_ms");
        assertThat(database()).isEqualTo(before);
    }
}
