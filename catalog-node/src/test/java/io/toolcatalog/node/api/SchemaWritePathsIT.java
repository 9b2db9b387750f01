package io.toolcatalog.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Every write path checks each profile against the schema of its name: a profile that breaks it is
 * a 422 naming the field, and nothing is written.
 */
class SchemaWritePathsIT extends SchemaSupport {

    @Test
    void createRefusesAProfileThatBreaksItsSchema() {
        setStrictSchema();
        var before = database();

        Api.Reply reply =
                api.post(TOOLS).token(EDITOR).json(toolWith(unique("c"), 5000)).send();

        assertRejected(reply, "", before);
    }

    @Test
    void createAcceptsAProfileThatKeepsItsSchema() {
        setStrictSchema();
        Api.Reply reply =
                api.post(TOOLS).token(EDITOR).json(toolWith(unique("ok"), 500)).send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    }

    @Test
    void updateRefusesAProfileThatBreaksItsSchema() {
        String name = unique("u");
        api.post(TOOLS).token(EDITOR).json(toolWith(name, 500)).send();
        setStrictSchema();
        var before = database();

        Api.Reply reply = api.put(TOOLS + "/" + name)
                .token(EDITOR)
                .json("{\"profiles\": {\"%s\": {\"max_retries\": 1}}}".formatted(profile))
                .send();

        assertRejected(reply, "", before);
    }

    @Test
    void enableRefusesAToolWhoseStoredProfileBreaksTheSchema() {
        String name = unique("e");
        api.post(TOOLS).token(EDITOR).json(toolWith(name, 500)).send();
        api.patch(TOOLS + "/" + name + "/disable").token(EDITOR).send();
        setStrictSchema();
        // a hand edit behind the catalog's back: enabling must not publish it
        jdbc.update(
                "UPDATE tools SET profiles = jsonb_build_object(?::text, jsonb_build_object('timeout_ms', 9000))"
                        + " WHERE name = ?",
                profile,
                name);
        var before = database();

        Api.Reply reply =
                api.patch(TOOLS + "/" + name + "/enable").token(EDITOR).send();

        assertRejected(reply, "", before);
    }

    @Test
    void importRefusesAProfileThatBreaksItsSchemaNamingItsPlaceInTheFile() {
        setStrictSchema();
        var before = database();

        Api.Reply reply = api.post(TOOLS + "/import")
                .token(ADMIN)
                .json("{\"tools\": [%s, %s]}".formatted(toolWith(unique("i"), 500), toolWith(unique("i"), 7000)))
                .send();

        assertRejected(reply, "tools[1].", before);
    }

    @Test
    void anImportDryRunRefusesItToo() {
        setStrictSchema();
        var before = database();

        Api.Reply reply = api.post(TOOLS + "/import?dry_run=true")
                .token(ADMIN)
                .json("{\"tools\": [%s]}".formatted(toolWith(unique("d"), 7000)))
                .send();

        assertRejected(reply, "tools[0].", before);
    }

    @Test
    void rollbackRefusesAVersionThatBreaksTheSchemaInForce() {
        String name = unique("r");
        api.post(TOOLS).token(EDITOR).json(toolWith(name, 5000)).send();
        api.put(TOOLS + "/" + name)
                .token(EDITOR)
                .json("{\"profiles\": {\"%s\": {\"timeout_ms\": 500}}}".formatted(profile))
                .send();
        setStrictSchema();
        var before = database();

        Api.Reply reply = api.post(TOOLS + "/" + name + "/rollback?version=1")
                .token(ADMIN)
                .send();

        assertRejected(reply, "", before);
    }

    @Test
    void aProfileOfAnotherNameIsNotChecked() {
        setStrictSchema();
        Api.Reply reply = api.post(TOOLS)
                .token(EDITOR)
                .json(toolWith(unique("other"), 5000).replace(profile, profile + "_x"))
                .send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    }
}
