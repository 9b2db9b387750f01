package io.toolcatalog.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.toolcatalog.core.cohort.ActiveRollout;
import io.toolcatalog.core.cohort.RolloutUnreadableException;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.tool.ToolJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The active rollouts as one JSON document, built by PostgreSQL in the statement that reads the
 * revision (so they are the rollouts of exactly that revision), and turned into {@link
 * ActiveRollout}s here. Every candidate is parsed now, before any reader can be served it.
 */
final class ActiveRollouts {

    /** A scalar subquery: the active rollouts, with their candidates, as a JSON array (text). */
    static final String SQL =
            """
            (SELECT coalesce(jsonb_agg(jsonb_build_object(
                        'id', r.id, 'change_request_id', r.change_request_id, 'paused', r.state = 'paused',
                        'step', r.step, 'percent', r.percent, 'labels', r.cohort_labels, 'revision', r.revision,
                        'candidates', (SELECT coalesce(jsonb_agg(jsonb_build_object('name', c.name, 'tool', c.document)),
                                                       '[]'::jsonb)
                                       FROM rollout_candidates c WHERE c.rollout_id = r.id))
                      ORDER BY r.id), '[]'::jsonb)::text
             FROM rollouts r WHERE r.state IN ('running', 'paused'))
            """;

    private static final ObjectMapper TREES = new ObjectMapper();

    private ActiveRollouts() {}

    /** The rollouts in {@code json} (what {@link #SQL} returned); null stays null ("unchanged"). */
    static List<ActiveRollout> parse(String json, ToolJson tools) {
        if (json == null) {
            return null;
        }
        JsonNode array;
        try {
            array = TREES.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("active rollouts cannot be read", e);
        }
        List<ActiveRollout> rollouts = new ArrayList<>(array.size());
        for (JsonNode r : array) {
            long id = r.path("id").asLong();
            Map<String, Tool> candidates = new HashMap<>();
            Set<String> removed = new HashSet<>();
            for (JsonNode c : r.path("candidates")) {
                String name = c.path("name").asText();
                JsonNode document = c.get("tool");
                if (document == null || document.isNull()) {
                    removed.add(name);
                    continue;
                }
                try {
                    Tool tool = tools.readTool(document.toString());
                    if (!name.equals(tool.name())) {
                        throw new IllegalStateException(
                                "the candidate for '" + name + "' is named '" + tool.name() + "'");
                    }
                    tool.requireReadable(null);
                    candidates.put(name, tool);
                } catch (RuntimeException e) {
                    throw new RolloutUnreadableException(id, "the candidate for '" + name + "' cannot be served", e);
                }
            }
            Map<String, String> labels = new HashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = r.path("labels").fields();
            fields.forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            rollouts.add(new ActiveRollout(
                    id,
                    r.path("change_request_id").asLong(),
                    r.path("paused").asBoolean(),
                    r.path("step").asInt(),
                    r.path("percent").asDouble(),
                    labels,
                    candidates,
                    removed,
                    r.path("revision").asLong()));
        }
        return rollouts;
    }
}
