package io.toolcatalog.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Change-request calls for tests, as named people: alice (editor), bob and carol (approvers), and
 * the role tokens' editor and admin. {@link #people()} are the node properties that name them.
 */
final class ChangeRequestCalls {

    static final String PATH = "/api/v1/change-requests";
    static final String ALICE = "alice-token";
    static final String BOB = "bob-token";
    static final String CAROL = "carol-token";
    static final String ADMIN = "admin-token";
    static final String EDITOR = "editor-token";

    private final Api api;

    ChangeRequestCalls(Api api) {
        this.api = api;
    }

    /** Node properties: alice an editor, bob and carol approvers, by their tokens' SHA-256. */
    static Map<String, String> people() {
        Map<String, String> p = new HashMap<>();
        String[][] people = {{"alice", "editor", ALICE}, {"bob", "approver", BOB}, {"carol", "approver", CAROL}};
        for (int i = 0; i < people.length; i++) {
            p.put("catalog.security.tokens[" + i + "].principal", people[i][0]);
            p.put("catalog.security.tokens[" + i + "].role", people[i][1]);
            p.put("catalog.security.tokens[" + i + "].sha256", sha256(people[i][2]));
        }
        return p;
    }

    /** Opens a draft as {@code token}; its id. */
    long open(String token, String title) {
        Api.Reply reply = api.post(PATH)
                .token(token)
                .json("{\"title\": \"" + title + "\", \"description\": \"test\"}")
                .send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().path("id").asLong();
    }

    Api.Reply stage(String token, long id, String name, String itemJson) {
        return api.put(PATH + "/" + id + "/items/" + name)
                .token(token)
                .json(itemJson)
                .send();
    }

    /** Stages a whole new tool {@code name} with a timeout. */
    Api.Reply stageNew(String token, long id, String name, int timeoutMs) {
        return stage(
                token,
                id,
                name,
                """
                {"action": "upsert", "tool": {"description": "staged %s", "category": "search",
                 "profiles": {"default": {"timeout_ms": %d}}}}"""
                        .formatted(name, timeoutMs));
    }

    Api.Reply step(String token, long id, String step) {
        return api.post(PATH + "/" + id + "/" + step)
                .token(token)
                .json("{\"comment\": \"" + step + " by test\"}")
                .send();
    }

    Api.Reply get(long id) {
        return api.get(PATH + "/" + id).token(ADMIN).send();
    }

    String state(long id) {
        return get(id).json().path("state").asText();
    }

    /** Opens, stages {@code name}, submits as alice and approves as bob: an approved request. */
    long approved(String title, String name, int timeoutMs) {
        long id = open(ALICE, title);
        ok(stageNew(ALICE, id, name, timeoutMs));
        ok(step(ALICE, id, "submit"));
        ok(step(BOB, id, "approve"));
        assertThat(state(id)).isEqualTo("approved");
        return id;
    }

    static JsonNode ok(Api.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    /** Tool {@code name}'s entry in a request's {@code diff}. */
    static JsonNode toolDiff(JsonNode diff, String name) {
        for (JsonNode tool : diff.path("tools")) {
            if (tool.path("name").asText().equals(name)) {
                return tool;
            }
        }
        throw new AssertionError(name + " not in " + diff);
    }

    static String sha256(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
