package io.toolcatalog.node.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.toolcatalog.core.testing.ToolDrafts;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.tool.Profile;
import io.toolcatalog.core.write.CatalogEditor;
import io.toolcatalog.core.write.SchemaEditor;
import io.toolcatalog.node.testing.TestNodes;
import io.toolcatalog.node.testing.TestNodes.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Not a test (no assertion, not matched by surefire or failsafe): the write rate of one node with
 * and without profile schemas, in the same run. 8 writers in a closed loop update 64 tools (two
 * profiles each, {@code default} and {@code stage_b}) through the node's editor; windows alternate
 * without schemas, with a schema for both profiles, without, with. Run with: {@code ./mvnw -B -pl
 * catalog-node -am test -Dspotless.check.skip=true -Dtest=SchemaWriteMeasurement
 * -Dsurefire.failIfNoSpecifiedTests=false} (the figures are the lines starting "schemas").
 */
class SchemaWriteMeasurement {

    private static final int TOOLS = 64;
    private static final int WRITERS = 8;
    private static final Duration WARM_UP = Duration.ofSeconds(3);
    private static final Duration RUN = Duration.ofSeconds(8);
    private static final String SCHEMA =
            """
            {"type": "object", "required": ["timeout_ms"],
             "properties": {"timeout_ms": {"type": "integer", "minimum": 1, "maximum": 60000},
                            "max_retries": {"type": "integer", "minimum": 0, "maximum": 5},
                            "cost_weight": {"type": "number"}, "parameters": {"type": "object"}}}
            """;

    @Test
    void writesPerSecondWithAndWithoutSchemas() throws Exception {
        try (Node node = TestNodes.alone("schema-measure")) {
            CatalogEditor editor = node.bean(CatalogEditor.class);
            SchemaEditor schemas = node.bean(SchemaEditor.class);
            for (int i = 0; i < TOOLS; i++) {
                editor.create(draft("tool-" + i, 1000).build(), Actor.of("bench"));
            }
            run(editor, WARM_UP);
            for (int pass = 0; pass < 2; pass++) {
                report("without", run(editor, RUN));
                schemas.set("default", new ObjectMapper().readTree(SCHEMA), Actor.of("bench"));
                schemas.set("stage_b", new ObjectMapper().readTree(SCHEMA), Actor.of("bench"));
                report("with", run(editor, RUN));
                schemas.delete("default", Actor.of("bench"));
                schemas.delete("stage_b", Actor.of("bench"));
            }
        }
    }

    private static ToolDrafts.DraftBuilder draft(String name, int timeoutMs) {
        Profile profile = new Profile(timeoutMs, 2, 0.2, 0.5, 0.3, java.util.Map.of("flags", "-n"));
        return ToolDrafts.plain(name, "d").profile("default", profile).profile("stage_b", profile);
    }

    private static double run(CatalogEditor editor, Duration length) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        long start = System.nanoTime();
        long end = start + length.toNanos(); // each writer stops at the end of the measured window
        List<Future<Integer>> counts = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            counts.add(pool.submit(() -> {
                int done = 0;
                while (System.nanoTime() < end) {
                    String name = "tool-" + ((writer + done * WRITERS) % TOOLS);
                    Profile profile = new Profile(1000 + done % 500, 2, 0.2, 0.5, 0.3, java.util.Map.of());
                    editor.update(
                            name,
                            ToolDrafts.patch()
                                    .profile("default", profile)
                                    .profile("stage_b", profile)
                                    .build(),
                            null,
                            Actor.of("bench"));
                    done++;
                }
                return done;
            }));
        }
        int total = 0;
        for (Future<Integer> count : counts) {
            total += count.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return total / seconds;
    }

    private static void report(String label, double perSecond) {
        System.out.println(String.format(Locale.ROOT, "schemas %-7s %8.0f writes/s", label, perSecond));
    }
}
