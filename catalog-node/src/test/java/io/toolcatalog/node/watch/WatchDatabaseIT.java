package io.toolcatalog.node.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.toolcatalog.api.watch.WatchMetrics;
import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.testing.ToolDrafts;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.write.CatalogEditor;
import io.toolcatalog.node.testing.TestNodes;
import io.toolcatalog.node.testing.TestNodes.Node;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Anonymous watch requests never take connections from the writers' pool: 50 concurrent long polls
 * whose start points are far ahead of the node (the database must say whether they were ever
 * committed) or behind its memory (the change log must be read), while a writer writes. The
 * writers' pool lends exactly as many connections as the same writes need alone.
 */
class WatchDatabaseIT {

    private static final Actor ACTOR = Actor.of("watch-database-it");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int WRITES = 10;
    private static final int CALLS = 50;

    private static Node node;

    @BeforeAll
    static void start() {
        node = TestNodes.alone("watch-db-1", Map.of("catalog.watch.recent-transitions", "2"));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void watchersAheadOrBehindTheNodeNeverBorrowFromTheWritersPool() throws Exception {
        CatalogEditor editor = node.bean(CatalogEditor.class);
        for (int i = 0; i < WRITES; i++) {
            editor.create(ToolDrafts.tool("tool-" + i, "v0").author("it").build(), ACTOR);
        }
        long alone = writerAcquisitions(() -> writeAll(editor, "alone"));

        long current = node.bean(CatalogReloader.class).applied();
        WatchMetrics metrics = node.bean(WatchMetrics.class);
        long readsBefore = metrics.databaseReads();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        long withWatchers = writerAcquisitions(() -> {
            for (int i = 0; i < CALLS; i++) {
                calls.add(longPoll(i % 2 == 0 ? current + 1_000 + i : 1));
            }
            writeAll(editor, "watched");
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        });

        for (int i = 0; i < CALLS; i++) {
            HttpResponse<String> reply = calls.get(i).get();
            assertThat(reply.statusCode())
                    .as("watch call %d: %s", i, reply.body())
                    .isEqualTo(i % 2 == 0 ? 409 : 200);
        }
        System.out.printf(
                "Writers' pool acquisitions: %d for %d writes alone, %d with %d watch calls; watch reads %d%n",
                alone, WRITES, withWatchers, CALLS, metrics.databaseReads() - readsBefore);
        assertThat(withWatchers).isLessThanOrEqualTo(alone + 2);
        assertThat(metrics.databaseReads() - readsBefore).isPositive().isLessThan(CALLS);
    }

    private interface Work {
        void run() throws Exception;
    }

    /** Connections the writers' pool lent while {@code work} ran. */
    private static long writerAcquisitions(Work work) throws Exception {
        String pool = ((com.zaxxer.hikari.HikariDataSource) node.bean(DataSource.class)).getPoolName();
        MeterRegistry meters = node.bean(MeterRegistry.class);
        long before = meters.get("hikaricp.connections.acquire")
                .tag("pool", pool)
                .timer()
                .count();
        work.run();
        return meters.get("hikaricp.connections.acquire")
                        .tag("pool", pool)
                        .timer()
                        .count()
                - before;
    }

    private static void writeAll(CatalogEditor editor, String description) {
        for (int i = 0; i < WRITES; i++) {
            editor.update(
                    "tool-" + i,
                    ToolDrafts.patch().description(description).author("it").build(),
                    null,
                    ACTOR);
        }
    }

    private static CompletableFuture<HttpResponse<String>> longPoll(long since) {
        return HTTP.sendAsync(
                HttpRequest.newBuilder(URI.create(node.baseUrl() + "/api/v1/watch?since=" + since + "&wait=5s"))
                        .header("Accept", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
