package io.toolcatalog.node.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a watcher holds after the events it received: a snapshot replaces everything, a change (or
 * a client's reset, which is told as the difference) replaces and removes the tools it names.
 */
final class WatcherState {

    private final Map<String, JsonNode> tools = new TreeMap<>();
    private long revision = -1;

    void apply(WatchEvent event) {
        if (event.type().equals(WatchEvent.SNAPSHOT)) {
            tools.clear();
        }
        event.removed().forEach(tools::remove);
        event.changed().forEach(tool -> tools.put(tool.path("name").asText(), tool));
        revision = event.revision();
    }

    Map<String, JsonNode> tools() {
        return tools;
    }

    /** The revision of the last event applied, -1 before the first. */
    long revision() {
        return revision;
    }

    static WatcherState after(Iterable<WatchEvent> events) {
        WatcherState state = new WatcherState();
        for (WatchEvent event : events) {
            if (event.carriesState()) {
                state.apply(event);
            }
        }
        return state;
    }
}
