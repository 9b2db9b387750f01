package io.toolcatalog.node.catalog;

import static io.toolcatalog.node.catalog.GroupCommitNodes.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.toolcatalog.core.error.DatabaseUnavailableException;
import io.toolcatalog.core.error.ToolAlreadyExistsException;
import io.toolcatalog.core.error.ToolNotFoundException;
import io.toolcatalog.core.error.VersionConflictException;
import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.reload.CatalogSnapshot;
import io.toolcatalog.core.store.CatalogImage;
import io.toolcatalog.core.store.CatalogReads;
import io.toolcatalog.core.store.ToolVersionStore;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.tool.ToolVersion;
import io.toolcatalog.core.write.CatalogEditor;
import io.toolcatalog.core.write.CatalogEditor.Toggled;
import io.toolcatalog.node.testing.TestNodes.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Group commit when things go wrong: a group whose commit is killed answers every write that
 * nothing was written, and random concurrent writes on two nodes leave the history their answers
 * claim. Same nodes and probe as {@link GroupCommitIT}.
 */
class GroupCommitFailureIT extends GroupCommitCluster {

    @Nested
    class CommitFailure {

        @Test
        void aGroupWhoseCommitIsKilledAnswersEveryWriteThatNothingWasWritten() throws Exception {
            // a deferred trigger holds the commit open, so the test can kill the connection during it
            db().execute(
                            """
                    CREATE OR REPLACE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN PERFORM pg_sleep(30); RETURN NULL; END $$
                    """);
            db().execute(
                            """
                    CREATE CONSTRAINT TRIGGER slow_commit AFTER INSERT ON catalog_changes
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
                    WHEN (NEW.tool_names[1] LIKE 'slow-%') EXECUTE FUNCTION slow_commit()
                    """);
            try {
                CatalogEditor editor = editor(one());
                String stale =
                        editor.create(tool(unique("stale"), "before"), ACTOR).name();
                String slow = unique("slow");
                String plainA = unique("plain");
                String plainB = unique("plain");

                List<Attempt> answers = inOneGroup(
                        List.of(
                                () -> editor.create(tool(plainA, "a"), ACTOR),
                                () -> editor.create(tool(slow, "slow"), ACTOR),
                                () -> editor.update(stale, patch("stale"), 99, ACTOR),
                                () -> editor.create(tool(plainB, "b"), ACTOR)),
                        () -> {
                            List<Integer> committing = await().atMost(Duration.ofSeconds(20))
                                    .until(
                                            () -> db().queryForList(
                                                            "SELECT pid FROM pg_stat_activity WHERE application_name = ?"
                                                                    + " AND wait_event = 'PgSleep'",
                                                            Integer.class,
                                                            APPLICATION),
                                            pids -> pids.size() == 1);
                            db().queryForObject("SELECT pg_terminate_backend(?)", Boolean.class, committing.get(0));
                        });

                long blocker = answers.get(0).tool().revision();
                assertThat(answers.subList(1, answers.size())).allSatisfy(answer -> {
                    assertThat(answer.failure()).isInstanceOf(DatabaseUnavailableException.class);
                    assertThat(answer.failure().getMessage()).contains("nothing was written");
                });
                assertThat(revision()).isEqualTo(blocker);
                assertThat(db().queryForObject(
                                        "SELECT count(*) FROM tools WHERE name IN (?, ?, ?)",
                                        Long.class,
                                        slow,
                                        plainA,
                                        plainB))
                        .isZero();
                assertThat(db().queryForObject(
                                        "SELECT count(*) FROM tool_versions WHERE revision > ?", Long.class, blocker))
                        .isZero();
                assertThat(editor.create(tool(plainA, "again"), ACTOR).revision())
                        .as("the node writes again")
                        .isEqualTo(blocker + 1);
            } finally {
                db().execute("DROP TRIGGER IF EXISTS slow_commit ON catalog_changes");
            }
        }
    }

    @Nested
    class Randomized {

        private static final int NAMES = 12;

        /** One random write through {@code editor}, over a small shared pool of names so writes collide. */
        private Callable<?> randomWrite(CatalogEditor editor, Random random, String prefix, int step) {
            String name = prefix + random.nextInt(NAMES);
            return switch (random.nextInt(7)) {
                case 0, 1 -> () -> editor.create(tool(name, "created " + step), ACTOR);
                case 2, 3 -> () -> editor.update(name, patch("updated " + step), null, ACTOR);
                case 4 -> () -> editor.update(name, patch("if-match " + step), 1 + random.nextInt(3), ACTOR);
                case 5 -> () -> editor.setEnabled(name, random.nextBoolean(), null, ACTOR);
                default -> () -> editor.delete(name, null, ACTOR);
            };
        }

        @Test
        void concurrentRandomWritesOnTwoNodesLeaveTheHistoryTheirAnswersClaim() throws Exception {
            String prefix = unique("random") + "-";
            long start = revision();
            DistributionSummary sizes = one().bean(MeterRegistry.class)
                    .get("catalog.writes.group.size")
                    .summary();
            double groupedBefore = sizes.totalAmount() - sizes.count();
            List<Attempt> answers = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(9);
            try {
                List<Future<List<Attempt>>> writers = new ArrayList<>();
                for (int w = 0; w < 9; w++) {
                    Node node = w < 6 ? one() : two();
                    Random random = new Random(w * 7919L);
                    writers.add(pool.submit(() -> {
                        List<Attempt> mine = new ArrayList<>();
                        for (int i = 0; i < 60; i++) {
                            mine.add(Attempt.of(randomWrite(editor(node), random, prefix, i)));
                        }
                        return mine;
                    }));
                }
                for (Future<List<Attempt>> writer : writers) {
                    answers.addAll(get(writer));
                }
            } finally {
                pool.shutdownNow();
            }
            long end = revision();

            assertThat(answers)
                    .as("every failure is the write's own, never a neighbour's")
                    .filteredOn(a -> a.failure() != null)
                    .allSatisfy(a -> assertThat(a.failure())
                            .isInstanceOfAny(
                                    ToolNotFoundException.class,
                                    ToolAlreadyExistsException.class,
                                    VersionConflictException.class));
            assertThat(db().queryForList("SELECT revision FROM catalog_changes ORDER BY revision", Long.class))
                    .as("revisions dense from 1")
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, end).boxed().toList());
            assertThat(db().queryForObject(
                                    """
                            SELECT count(*) FROM catalog_changes c
                            WHERE (SELECT array_agg(n ORDER BY n) FROM unnest(c.tool_names) n)
                                  IS DISTINCT FROM
                                  (SELECT array_agg(v.name ORDER BY v.name) FROM tool_versions v
                                   WHERE v.revision = c.revision)
                            """,
                                    Long.class))
                    .as("each revision's versions are exactly the names of its change")
                    .isZero();
            assertThat(db().queryForObject(
                                    """
                            SELECT count(*) FROM tools t
                            WHERE t.version IS DISTINCT FROM
                                  (SELECT max(v.version) FROM tool_versions v WHERE v.name = t.name)
                               OR NOT EXISTS (SELECT 1 FROM tool_versions v WHERE v.name = t.name
                                              AND v.version = t.version AND v.revision = t.revision)
                            """,
                                    Long.class))
                    .as("every tool is its latest version")
                    .isZero();

            // every revision of the run is claimed by exactly one() answer that changed something,
            // so no failed write left a revision behind
            Map<Long, Integer> claims = new HashMap<>();
            ToolVersionStore versions = one().bean(ToolVersionStore.class);
            for (Attempt answer : answers) {
                if (answer.failure() != null) {
                    continue;
                }
                if (answer.value() instanceof Long deleted) {
                    claims.merge(deleted, 1, Integer::sum);
                    assertThat(db().queryForObject(
                                            "SELECT operation FROM tool_versions WHERE revision = ?",
                                            String.class,
                                            deleted))
                            .isEqualTo("delete");
                    continue;
                }
                Tool tool = answer.tool();
                long at = answer.value() instanceof Toggled toggled ? toggled.revision() : tool.revision();
                ToolVersion version = versions.list(tool.name(), 1000, 0).stream()
                        .filter(v -> v.version() == tool.version())
                        .findFirst()
                        .orElseThrow();
                assertThat(version.document())
                        .as("the answer is the row its revision wrote")
                        .isEqualTo(tool);
                assertThat(version.revision()).isEqualTo(tool.revision());
                assertThat(db().queryForObject(
                                        "SELECT max(revision) FROM tool_versions WHERE name = ? AND revision <= ?",
                                        Long.class,
                                        tool.name(),
                                        at))
                        .as("at the answer's revision the catalog held that version")
                        .isEqualTo(tool.revision());
                if (at == tool.revision()) {
                    claims.merge(at, 1, Integer::sum);
                }
            }
            assertThat(new TreeSet<>(claims.keySet()))
                    .as("the run's revisions, each claimed by an answer")
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(start + 1, end).boxed().toList());
            assertThat(claims.values().stream().filter(c -> c > 1).count())
                    .as("revisions claimed twice (only an unchanged toggle may repeat its tool's revision)")
                    .isLessThanOrEqualTo(answers.stream()
                            .filter(a -> a.value() instanceof Toggled)
                            .count());
            assertThat(sizes.totalAmount() - sizes.count())
                    .as("node one grouped writes during the run")
                    .isGreaterThan(groupedBefore);

            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(20))
                    .untilAsserted(() -> {
                        CatalogImage truth = one().bean(CatalogReads.class).readAll();
                        CatalogSnapshot expected = CatalogSnapshot.of(truth.revision(), truth.tools());
                        for (Node node : List.of(one(), two())) {
                            CatalogSnapshot mine =
                                    node.bean(CatalogReloader.class).snapshot();
                            assertThat(mine.revision()).as(node.id()).isEqualTo(truth.revision());
                            assertThat(mine.tools()).as(node.id()).containsExactlyElementsOf(expected.tools());
                        }
                    });
        }

        private static <T> T get(Future<T> future) throws InterruptedException {
            try {
                return future.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }
}
