package io.toolcatalog.node.robustness;

import io.toolcatalog.testsupport.NodeProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The consumers that follow the catalog through the whole run: stream watchers that resume with
 * {@code Last-Event-ID} after their node dies, one that starts over with a snapshot instead, one
 * filtered to a few tools (a hand-edited one among them), a long poller, and the Java client.
 */
final class Watchers implements AutoCloseable {

    private final List<Watcher> all = new ArrayList<>();

    Watchers(List<NodeProcess> nodes, long seed, Path dir, Recorder clock) {
        all.add(new SseWatcher("sse-resume-a", nodes, 0, true, null, clock));
        all.add(new SseWatcher("sse-resume-b", nodes, 1 % nodes.size(), true, null, clock));
        all.add(new SseWatcher("sse-fresh", nodes, 2 % nodes.size(), false, null, clock));
        all.add(new SseWatcher(
                "sse-filtered", nodes, 2 % nodes.size(), true, Set.of("t0", "t1", HandEditor.EDITED), clock));
        all.add(new LongPoller("long-poll", nodes, seed, clock));
        all.add(new ClientWatcher("client", nodes, dir.resolve("client-cache.json"), clock));
    }

    List<Watcher> all() {
        return all;
    }

    void start() {
        all.forEach(Watcher::start);
    }

    /** One line per watcher: how many connections and events it had. */
    List<String> summary() {
        List<String> lines = new ArrayList<>();
        for (Watcher watcher : all) {
            List<WatchEvent> events = watcher.events();
            long opened = events.stream()
                    .filter(e -> e.type().equals(WatchEvent.OPEN))
                    .count();
            long content = events.stream().filter(WatchEvent::carriesState).count();
            long snapshots = events.stream()
                    .filter(e ->
                            e.type().equals(WatchEvent.SNAPSHOT) || e.type().equals(WatchEvent.RESET))
                    .count();
            lines.add(String.format(
                    "%s: %d connections, %d events (%d snapshots or resets), ends at revision %d",
                    watcher.name(), opened, content, snapshots, watcher.now().revision()));
        }
        return lines;
    }

    /** Every event of every watcher as a JSON line. */
    void write(Path dir) {
        List<String> lines = new ArrayList<>();
        try {
            for (Watcher watcher : all) {
                for (WatchEvent event : watcher.events()) {
                    lines.add(ToolDocuments.JSON.writeValueAsString(event));
                }
            }
            Files.write(dir.resolve("watch-events.jsonl"), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        all.forEach(Watcher::close);
    }
}
