package io.toolcatalog.node.robustness;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.toolcatalog.client.CatalogChanged;
import io.toolcatalog.client.CatalogClient;
import io.toolcatalog.client.CatalogTool;
import io.toolcatalog.testsupport.NodeProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The Java client as a pipeline embeds it, following every node (with a cache file) through the
 * whole run. Its listener's changes are its events: each one's {@code from_revision} is the
 * revision before, a reset carries the difference. CatalogTools compare in the client's own shape (the
 * database's document read into {@link CatalogTool} and written back).
 */
final class ClientWatcher extends RecordingWatcher {

    private static final ObjectMapper JSON =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final List<NodeProcess> nodes;
    private final Path cacheFile;
    private CatalogClient client;

    ClientWatcher(String name, List<NodeProcess> nodes, Path cacheFile, Recorder clock) {
        super(name, clock);
        this.nodes = nodes;
        this.cacheFile = cacheFile;
    }

    @Override
    public UnaryOperator<JsonNode> shape() {
        return ClientWatcher::clientShape;
    }

    /** A tool as the client holds it; a row the client cannot read stays as text, so it never compares equal. */
    static JsonNode clientShape(JsonNode document) {
        try {
            return JSON.valueToTree(JSON.treeToValue(document, CatalogTool.class));
        } catch (IOException | IllegalArgumentException e) {
            return TextNode.valueOf("unreadable by the client: " + document);
        }
    }

    @Override
    public void start() {
        try {
            Files.deleteIfExists(cacheFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        client = CatalogClient.builder()
                .endpoints(nodes.stream().map(n -> URI.create(n.baseUrl())).toArray(URI[]::new))
                .consumerId("checker-" + name)
                .cacheFile(cacheFile)
                .backoff(Duration.ofMillis(100), Duration.ofSeconds(1))
                .build()
                .onChange(this::changed);
        saw(WatchEvent.open(name, "all", 0L, clock.now()));
        // start() waits for the first snapshot; the run does not wait for it
        Thread starting = new Thread(this::startClient, "watcher-" + name + "-start");
        starting.setDaemon(true);
        starting.start();
    }

    private void startClient() {
        try {
            client.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException e) {
            saw(WatchEvent.closed(name, "all", "did not start: " + e.getMessage(), clock.now()));
        }
    }

    private void changed(CatalogChanged change) {
        List<JsonNode> changed = new ArrayList<>();
        change.changed().forEach(tool -> changed.add(JSON.valueToTree(tool)));
        String note =
                "changed " + change.changed().stream().map(CatalogTool::name).toList() + " removed " + change.removed();
        saw(new WatchEvent(
                name,
                "all",
                change.reset() ? WatchEvent.RESET : WatchEvent.CHANGE,
                change.revision(),
                change.fromRevision(),
                changed,
                change.removed(),
                clock.now(),
                note));
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
