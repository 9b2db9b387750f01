package io.toolcatalog.node.watch;

import static org.awaitility.Awaitility.await;

import io.toolcatalog.api.watch.WatchMetrics;
import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.testing.ToolDrafts;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.tool.Profile;
import io.toolcatalog.core.tool.ToolDraft;
import io.toolcatalog.core.write.CatalogEditor;
import io.toolcatalog.core.write.ImportMode;
import io.toolcatalog.node.testing.TestNodes;
import io.toolcatalog.node.testing.TestNodes.Node;
import io.toolcatalog.testsupport.Ports;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A reader of the watch port that stops reading is bounded as on the main port: what it holds of
 * its own past {@code catalog.watch.max-buffered-bytes} closes it, and so does taking nothing for
 * {@code catalog.watch.write-timeout}; either way its slot and consumer are given back.
 */
class WatchPortStallIT {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final Actor ACTOR = Actor.of("watch-port-stall-it");
    /** About 10 MB of catalog: far more than a socket's buffers, so a reader that stops is met at once. */
    private static final int BULK = 2500;

    private static Node node(String id, String writeTimeout) {
        return TestNodes.alone(
                id,
                Map.of(
                        "catalog.watch.port",
                        String.valueOf(Ports.free()),
                        "catalog.watch.max-buffered-bytes",
                        "256KB",
                        "catalog.watch.heartbeat",
                        "1s",
                        "catalog.watch.write-timeout",
                        writeTimeout));
    }

    @Test
    void aStalledReaderThatWouldHoldMoreThanItsBoundIsClosed() throws Exception {
        try (Node node = node("stall-buffer-1", "10m")) {
            CatalogEditor editor = node.bean(CatalogEditor.class);
            editor.importTools(tools("bulk-", BULK, "x"), ImportMode.MERGE, false, ACTOR);
            long seeded = editor.importTools(tools("zz-", 100, "a"), ImportMode.MERGE, false, ACTOR)
                    .revision();
            awaitApplied(node, seeded);
            WatchMetrics metrics = node.bean(WatchMetrics.class);
            long droppedBefore = metrics.droppedStreams(WatchMetrics.OVER_BUFFER);
            try (SlowReader reader = new SlowReader(watchPort(node))) {
                await().atMost(WITHIN).until(() -> metrics.openStreams() == 1);
                // once the snapshot stalled, it still has to write every zz- tool: replacing them all
                // (100 × 4 KB at once) leaves the stream holding more than its bound; replaced again
                // until then, since the stream may not have begun its snapshot when asked first
                String[] fill = {"b"};
                await().atMost(WITHIN).pollInterval(Duration.ofSeconds(1)).until(() -> {
                    fill[0] = fill[0].equals("b") ? "c" : "b";
                    editor.importTools(tools("zz-", 100, fill[0]), ImportMode.MERGE, false, ACTOR);
                    return metrics.droppedStreams(WatchMetrics.OVER_BUFFER) > droppedBefore;
                });
                await().atMost(WITHIN).until(() -> metrics.openStreams() == 0);
                try (EventStream stream = reader.startReading()) {
                    await().atMost(WITHIN).until(stream::ended);
                }
            }
        }
    }

    @Test
    void aReaderThatTakesNothingForTheWriteTimeoutIsClosed() throws Exception {
        try (Node node = node("stall-timeout-1", "1s")) {
            long seeded = node.bean(CatalogEditor.class)
                    .importTools(tools("bulk-", BULK, "x"), ImportMode.MERGE, false, ACTOR)
                    .revision();
            awaitApplied(node, seeded);
            WatchMetrics metrics = node.bean(WatchMetrics.class);
            long droppedBefore = metrics.droppedStreams(WatchMetrics.TIMED_OUT);
            try (SlowReader reader = new SlowReader(watchPort(node))) {
                await().atMost(WITHIN).until(() -> metrics.droppedStreams(WatchMetrics.TIMED_OUT) > droppedBefore);
                await().atMost(WITHIN).until(() -> metrics.openStreams() == 0);
                try (EventStream stream = reader.startReading()) {
                    await().atMost(WITHIN).until(stream::ended);
                }
            }
        }
    }

    private static int watchPort(Node node) {
        return Integer.parseInt(node.context().getEnvironment().getProperty("catalog.watch.port"));
    }

    private static void awaitApplied(Node node, long revision) {
        await().atMost(WITHIN).until(() -> node.bean(CatalogReloader.class).applied() >= revision);
    }

    private static List<ToolDraft> tools(String prefix, int count, String fill) {
        String filler = fill.repeat(3900);
        List<ToolDraft> tools = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tools.add(ToolDrafts.named(prefix + i)
                    .description(filler)
                    .category("bulk")
                    .tags("stall")
                    .enabled(true)
                    .profile("default", new Profile(5000, 2, 0.2, 0.5, 0.3, Map.of()))
                    .author("it")
                    .build());
        }
        return tools;
    }
}
