package io.toolcatalog.node.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolcatalog.core.error.VersionConflictException;
import io.toolcatalog.core.store.CatalogImage;
import io.toolcatalog.core.testing.ToolDrafts;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.write.ImportMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** 8 writers × 200 mutations at once on one node: no gap, no lost update, snapshot = database. */
class ConcurrentWritersIT extends CatalogNodeContext {

    private static final int WRITERS = 8;
    private static final int MUTATIONS = 200;
    private static final String COUNTER = "counter";

    @Test
    void concurrentWritersGetGaplessRevisionsAndLoseNoUpdate() throws Exception {
        editor.create(
                ToolDrafts.named(COUNTER)
                        .description("0")
                        .enabled(true)
                        .profiles(Map.of())
                        .build(),
                Actor.of("editor"));
        long start = reloader.applied();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<Integer>> increments = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            increments.add(pool.submit(writer(w)));
        }
        int counted = 0;
        for (Future<Integer> f : increments) {
            counted += f.get();
        }
        pool.shutdown();

        long end = jdbc.queryForObject("SELECT revision FROM catalog_state", Long.class);
        assertThat(jdbc.queryForList(
                        "SELECT revision FROM catalog_changes WHERE revision > ? ORDER BY revision", Long.class, start))
                .as("one logged change per revision, none missing")
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(start + 1, end).boxed().toList());
        assertThat(end - start).isEqualTo((long) WRITERS * MUTATIONS);
        Tool counter = reloader.snapshot().tool(COUNTER).orElseThrow();
        assertThat(Integer.parseInt(counter.description()))
                .as("every successful read-modify-write counted once")
                .isEqualTo(counted);
        CatalogImage database = reads.readAll();
        assertThat(reloader.applied()).isEqualTo(database.revision());
        assertThat(reloader.snapshot().tools()).containsExactlyInAnyOrderElementsOf(database.tools());
    }

    /** Each writer: creates, updates, toggles, imports and deletes its own tools, and increments the shared counter. */
    private Callable<Integer> writer(int id) {
        return () -> {
            Actor actor = new Actor("editor", "writer-" + id, null);
            int counted = 0;
            for (int i = 0; i < MUTATIONS; i++) {
                String name = "w" + id + "-" + (i / 5);
                switch (i % 5) {
                    case 0 ->
                        editor.create(
                                ToolDrafts.named(name)
                                        .description("new")
                                        .enabled(true)
                                        .profiles(Map.of())
                                        .build(),
                                actor);
                    case 1 ->
                        editor.update(
                                name, ToolDrafts.patch().description("changed").build(), 1, actor);
                    case 2 -> editor.setEnabled(name, false, null, actor);
                    case 3 ->
                        editor.importTools(
                                List.of(ToolDrafts.named(name + "-imported")
                                        .description("bulk")
                                        .enabled(true)
                                        .profiles(Map.of())
                                        .build()),
                                ImportMode.MERGE,
                                false,
                                actor);
                    default -> {
                        incrementCounter(actor);
                        counted++;
                    }
                }
            }
            return counted;
        };
    }

    private void incrementCounter(Actor actor) {
        while (true) {
            Tool current = reloader.snapshot().tool(COUNTER).orElseThrow();
            String next = String.valueOf(Integer.parseInt(current.description()) + 1);
            try {
                editor.update(COUNTER, ToolDrafts.patch().description(next).build(), current.version(), actor);
                return;
            } catch (VersionConflictException stale) {
                // another writer got there first: read again and retry
            }
        }
    }
}
