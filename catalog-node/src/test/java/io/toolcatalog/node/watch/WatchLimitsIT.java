package io.toolcatalog.node.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** One node's limits: the connection bound, and a reader that does not read. */
class WatchLimitsIT {

    private static final Actor ACTOR = Actor.of("watch-limits-it");
    private static final Duration WITHIN = Duration.ofSeconds(20);

    private static Node node;

    @BeforeAll
    static void start() {
        node = TestNodes.alone(
                "limits-1", Map.of("catalog.watch.max-connections", "2", "catalog.watch.heartbeat", "1s"));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static WatchMetrics metrics() {
        return node.bean(WatchMetrics.class);
    }

    @Test
    void refusesConnectionsPastTheBoundWith503AndRetryAfter() {
        await().atMost(WITHIN).until(() -> metrics().openStreams() == 0);
        try (EventStream one = EventStream.open(node.baseUrl(), "");
                EventStream two = EventStream.open(node.baseUrl(), "")) {
            assertThat(one.status()).isEqualTo(200);
            assertThat(two.status()).isEqualTo(200);
            try (EventStream three = EventStream.open(node.baseUrl(), "")) {
                assertThat(three.status()).isEqualTo(503);
                assertThat(three.response().headers().firstValue("Retry-After")).isPresent();
                assertThat(three.response().headers().firstValue("Content-Type"))
                        .hasValue("application/problem+json");
            }
        }
        // the closed streams are noticed at their next heartbeat, and their slots are free again
        await().atMost(WITHIN).until(() -> metrics().openStreams() == 0);
        try (EventStream again = EventStream.open(node.baseUrl(), "")) {
            assertThat(again.status()).isEqualTo(200);
        }
    }

    @Test
    void aReaderThatDoesNotReadGetsWhatItMissedAsOneCoalescedEvent() throws Exception {
        await().atMost(WITHIN).until(() -> metrics().openStreams() == 0);
        CatalogEditor editor = node.bean(CatalogEditor.class);
        // a snapshot of ~20 MB: far more than the socket buffers, so the node meets a full socket
        String filler = "x".repeat(3900);
        List<ToolDraft> bulk = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            bulk.add(ToolDrafts.named("bulk-" + i)
                    .description(filler)
                    .category("bulk")
                    .tags("limits")
                    .enabled(true)
                    .profile("default", new Profile(5000, 2, 0.2, 0.5, 0.3, Map.of()))
                    .author("it")
                    .build());
        }
        editor.importTools(bulk, ImportMode.MERGE, false, ACTOR);
        for (String name : List.of("hot-a", "hot-b", "hot-c", "doomed")) {
            editor.create(bulkTool(name), ACTOR);
        }
        long coalescedBefore = metrics().coalescedEvents();
        try (SlowReader reader = new SlowReader(node.port())) {
            await().atMost(WITHIN).until(() -> metrics().openStreams() == 1);
            long start = node.bean(CatalogReloader.class).applied();
            long last = 0;
            // changes to several tools, a delete and a create: the one event must carry all of them
            for (int i = 1; i <= 200; i++) {
                String name = List.of("hot-a", "hot-b", "hot-c").get(i % 3);
                if (i == 50) {
                    last = editor.delete("doomed", null, ACTOR);
                } else if (i == 120) {
                    last = editor.create(bulkTool("newcomer"), ACTOR).revision();
                } else {
                    last = editor.update(
                                    name,
                                    ToolDrafts.patch()
                                            .description("v" + i)
                                            .author("it")
                                            .build(),
                                    null,
                                    ACTOR)
                            .revision();
                }
            }
            long end = last;
            await().atMost(WITHIN).until(() -> node.bean(CatalogReloader.class).applied() >= end);
            // 200 steps waited as one event: the first became it, the other 199 merged in
            assertThat(metrics().coalescedEvents() - coalescedBefore).isGreaterThanOrEqualTo(199);

            try (EventStream stream = reader.startReading()) {
                EventStream.ReceivedEvent snapshot = stream.nextContent(WITHIN);
                assertThat(snapshot.type()).isEqualTo("snapshot");
                assertThat(snapshot.revision()).isEqualTo(start);
                Replica replica = new Replica();
                replica.apply(snapshot);
                EventStream.ReceivedEvent change = stream.nextContent(WITHIN);
                assertThat(change.type()).isEqualTo("change");
                assertThat(change.data().path("from_revision").asLong()).isEqualTo(start);
                assertThat(change.revision()).isEqualTo(end);
                replica.apply(change);
                assertThat(replica.versions()).isEqualTo(Replica.databaseAt(node.bean(JdbcTemplate.class), end));
                assertThat(replica.versions()).containsKey("newcomer").doesNotContainKey("doomed");
                assertThat(change.data().path("changed").findValuesAsText("name"))
                        .containsExactlyInAnyOrder("hot-a", "hot-b", "hot-c", "newcomer");
                assertThat(change.data().path("removed").findValuesAsText("name"))
                        .isEmpty();
                assertThat(change.data().path("removed")).hasSize(1);
                assertThat(change.data().path("removed").get(0).asText()).isEqualTo("doomed");
            }
            MeterRegistry meters = node.bean(MeterRegistry.class);
            assertThat(meters.get("catalog.watch.coalesced").functionCounter().count())
                    .isGreaterThanOrEqualTo(199);
            assertThat(meters.get("catalog.watch.events")
                            .tag("type", "change")
                            .functionCounter()
                            .count())
                    .isPositive();
        }
    }

    /** A tool as the limit tests create it, at description "v0". */
    private static ToolDraft bulkTool(String name) {
        return ToolDrafts.named(name)
                .description("v0")
                .category("bulk")
                .tags("limits")
                .enabled(true)
                .profile("default", new Profile(5000, 2, 0.2, 0.5, 0.3, Map.of()))
                .author("it")
                .build();
    }
}
