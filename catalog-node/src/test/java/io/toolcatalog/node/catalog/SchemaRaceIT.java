package io.toolcatalog.node.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.toolcatalog.core.error.SchemaViolationException;
import io.toolcatalog.core.testing.ToolDrafts;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.tool.Profile;
import io.toolcatalog.core.write.SchemaEditor;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A schema set racing tool writes that break it: whichever commits first wins, and no tool that
 * breaks a schema is ever written at or after the schema's revision (the check runs under the
 * revision row lock that schema changes take too).
 */
class SchemaRaceIT extends CatalogNodeContext {

    private static final int ROUNDS = 15;
    private static final int WRITERS = 4;

    @Autowired
    SchemaEditor schemas;

    @Test
    void aSchemaSetAndBreakingWritesNeverLeaveABreakingToolAtTheSchemasRevision() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
        int schemasSet = 0;
        try {
            for (int round = 0; round < ROUNDS; round++) {
                if (race(pool, "race_" + UUID.randomUUID().toString().substring(0, 8))) {
                    schemasSet++;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(schemasSet).as("rounds where the schema won").isPositive();
    }

    /** One round; true when the schema was set. */
    private boolean race(ExecutorService pool, String profile) throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            String name = profile.replace('_', '-') + "-" + i;
            editor.create(
                    ToolDrafts.plain(name, "d").profile(profile, timeout(500)).build(), Actor.of("test"));
            names.add(name);
        }
        CountDownLatch go = new CountDownLatch(1);
        Future<Boolean> set = pool.submit(() -> {
            go.await();
            try {
                schemas.set(profile, strict(), Actor.of("admin"));
                return true;
            } catch (SchemaViolationException refused) {
                return false;
            }
        });
        List<Future<?>> writes = new ArrayList<>();
        for (String name : names) {
            writes.add(pool.submit(() -> {
                go.await();
                try {
                    editor.update(
                            name,
                            ToolDrafts.patch().profile(profile, timeout(5000)).build(),
                            null,
                            Actor.of("w"));
                } catch (SchemaViolationException refused) {
                    // the schema came first
                }
                return null;
            }));
        }
        go.countDown();
        boolean schemaSet = set.get();
        for (Future<?> write : writes) {
            write.get();
        }
        Long schemaRevision = jdbc.query(
                "SELECT revision FROM profile_schemas WHERE name = ?", rs -> rs.next() ? rs.getLong(1) : null, profile);
        Long breakingSince = jdbc.queryForObject(
                "SELECT min(revision) FROM tool_versions WHERE name = ANY(?) AND (document->'profiles'->(?::text)->>'timeout_ms')::int > 1000",
                Long.class,
                names.toArray(String[]::new),
                profile);
        if (schemaSet) {
            assertThat(schemaRevision).isNotNull();
            assertThat(breakingSince)
                    .as("a breaking version is older than the schema")
                    .isNull();
        } else {
            assertThat(schemaRevision).isNull();
            assertThat(breakingSince)
                    .as("the schema was refused because a breaking tool came first")
                    .isNotNull();
        }
        return schemaSet;
    }

    private static Profile timeout(int ms) {
        return new Profile(ms, null, null, null, null, null);
    }

    private static JsonNode strict() throws Exception {
        return new ObjectMapper()
                .readTree(
                        "{\"type\":\"object\",\"properties\":{\"timeout_ms\":{\"type\":\"integer\",\"maximum\":1000}}}");
    }
}
