package io.toolcatalog.node.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/** A {@link Watcher}'s record keeping: its name, the run's clock, what it saw. Unfiltered, API-shaped by default. */
abstract class RecordingWatcher implements Watcher {

    protected final String name;
    protected final Recorder clock;
    private final List<WatchEvent> events = new CopyOnWriteArrayList<>();

    RecordingWatcher(String name, Recorder clock) {
        this.name = name;
        this.clock = clock;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> filter() {
        return null;
    }

    @Override
    public UnaryOperator<JsonNode> shape() {
        return ToolDocuments::normalize;
    }

    @Override
    public List<WatchEvent> events() {
        return List.copyOf(events);
    }

    protected void saw(WatchEvent event) {
        events.add(event);
    }
}
