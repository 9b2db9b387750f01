package io.toolcatalog.node.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The watch stream's JSON (an SSE event's data, or a long poll's typed body) as a {@link WatchEvent}. */
final class WatchEvents {

    private WatchEvents() {}

    static WatchEvent parse(String watcher, String node, String type, JsonNode data, double atMs, String raw) {
        List<JsonNode> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        Long from = null;
        if (type.equals(WatchEvent.SNAPSHOT)) {
            data.path("tools").forEach(tool -> changed.add(ToolDocuments.normalize(tool)));
        } else if (type.equals(WatchEvent.CHANGE)) {
            data.path("changed").forEach(tool -> changed.add(ToolDocuments.normalize(tool)));
            data.path("removed").forEach(name -> removed.add(name.asText()));
            from = data.path("from_revision").asLong(-1);
        }
        return new WatchEvent(watcher, node, type, data.path("revision").asLong(-1), from, changed, removed, atMs, raw);
    }
}
