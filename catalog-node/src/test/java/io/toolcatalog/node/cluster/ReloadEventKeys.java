package io.toolcatalog.node.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.StreamMessage;
import io.toolcatalog.core.history.ReloadEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reload events as {@code node@revision/reload_id}: what nodes recorded, compared with what a stream holds. */
final class ReloadEventKeys {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReloadEventKeys() {}

    static String of(ReloadEvent event) {
        return key(event.nodeId(), event.revision(), String.valueOf(event.reloadId()));
    }

    /** The events of a stream's entries (their {@code event} field). */
    static Set<String> of(List<StreamMessage<String, String>> messages) throws JsonProcessingException {
        Set<String> keys = new HashSet<>();
        for (StreamMessage<String, String> message : messages) {
            JsonNode event = JSON.readTree(message.getBody().get("event"));
            keys.add(key(
                    event.path("node_id").asText(),
                    event.path("revision").asLong(),
                    event.path("reload_id").asText()));
        }
        return keys;
    }

    private static String key(String node, long revision, String reloadId) {
        return node + "@" + revision + "/" + reloadId;
    }
}
