package io.toolcatalog.node.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a watcher holds after applying its events (name → version), checked at every event
 * against the database's own history: {@code tool_versions} says what each tool was at any revision.
 */
final class Replica {

    private final Map<String, Integer> versions = new TreeMap<>();
    private long revision = -1;
    private int events;

    /** A replica that holds the empty catalog of revision 0 (a watcher starting from {@code since=0}). */
    static Replica empty() {
        Replica replica = new Replica();
        replica.revision = 0;
        return replica;
    }

    long revision() {
        return revision;
    }

    int events() {
        return events;
    }

    Map<String, Integer> versions() {
        return versions;
    }

    /** Applies a snapshot or change event; a change must start where the last event ended. */
    void apply(EventStream.ReceivedEvent event) {
        JsonNode data = event.data();
        switch (event.type()) {
            case "snapshot" -> {
                versions.clear();
                data.path("tools")
                        .forEach(t -> versions.put(
                                t.path("name").asText(), t.path("version").asInt()));
            }
            case "change" -> {
                assertThat(data.path("from_revision").asLong())
                        .as("from_revision of the event at %s", event.id())
                        .isEqualTo(revision);
                data.path("changed")
                        .forEach(t -> versions.put(
                                t.path("name").asText(), t.path("version").asInt()));
                data.path("removed").forEach(n -> versions.remove(n.asText()));
            }
            default -> {
                return;
            }
        }
        assertThat(event.id()).isEqualTo(String.valueOf(data.path("revision").asLong()));
        revision = data.path("revision").asLong();
        events++;
    }

    /** The catalog at {@code revision} as the database's version history has it. */
    static Map<String, Integer> databaseAt(JdbcTemplate jdbc, long revision) {
        Map<String, Integer> state = new HashMap<>();
        jdbc.query(
                """
                SELECT DISTINCT ON (name) name, version, operation FROM tool_versions
                WHERE revision <= ? ORDER BY name, version DESC
                """,
                rs -> {
                    if (!"delete".equals(rs.getString("operation"))) {
                        state.put(rs.getString("name"), rs.getInt("version"));
                    }
                },
                revision);
        return new TreeMap<>(state);
    }
}
