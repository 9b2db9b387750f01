package io.toolcatalog.node.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import io.toolcatalog.api.watch.WatchMetrics;
import io.toolcatalog.core.testing.ToolDrafts;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.tool.ToolDraft;
import io.toolcatalog.core.write.CatalogEditor;
import io.toolcatalog.core.write.ImportMode;
import io.toolcatalog.node.testing.TestNodes;
import io.toolcatalog.node.testing.TestNodes.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A reader that stops reading is ended by the container's write timeout. That is the caller's
 * doing, not the node's fault: it is counted ({@code catalog.watch.dropped{reason=timeout}}) and
 * logged at DEBUG, never as an ERROR with a stack trace an anonymous caller could repeat at will.
 */
class WatchStallLoggingIT {

    private static final Duration WITHIN = Duration.ofSeconds(30);

    private static Node node;

    @BeforeAll
    static void start() {
        node = TestNodes.alone(
                "stall-1", Map.of("server.tomcat.connection-timeout", "1s", "catalog.watch.heartbeat", "1s"));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void aStalledStreamThatTimesOutIsCountedAndNeverLoggedAsAnError() throws Exception {
        // far more than the socket buffers hold, so the node meets a full socket
        String filler = "x".repeat(3900);
        List<ToolDraft> bulk = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            bulk.add(ToolDrafts.tool("stall-" + i, filler).author("it").build());
        }
        node.bean(CatalogEditor.class).importTools(bulk, ImportMode.MERGE, false, Actor.of("stall-it"));
        WatchMetrics metrics = node.bean(WatchMetrics.class);
        MeterRegistry meters = node.bean(MeterRegistry.class);
        double before = meters.get("catalog.watch.dropped")
                .tag("reason", WatchMetrics.TIMED_OUT)
                .functionCounter()
                .count();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        root.addAppender(logged);
        try (SlowReader reader = new SlowReader(node.port())) {
            await().atMost(WITHIN).until(() -> metrics.openStreams() == 1);
            await().atMost(WITHIN)
                    .until(() -> meters.get("catalog.watch.dropped")
                                    .tag("reason", WatchMetrics.TIMED_OUT)
                                    .functionCounter()
                                    .count()
                            > before);
            await().atMost(WITHIN).until(() -> metrics.openStreams() == 0);
        } finally {
            root.detachAppender(logged);
        }
        assertThat(logged.list)
                .filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.ERROR))
                .extracting(ILoggingEvent::getFormattedMessage)
                .isEmpty();
    }
}
