package io.toolcatalog.node.catalog;

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
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.tool.ToolDraft;
import io.toolcatalog.core.tool.ToolVersion;
import io.toolcatalog.core.write.CatalogEditor;
import io.toolcatalog.core.write.CatalogEditor.Toggled;
import io.toolcatalog.core.write.WriteTransactions;
import io.toolcatalog.node.testing.TestInfrastructure;
import io.toolcatalog.node.testing.TestNodes;
import io.toolcatalog.node.testing.TestNodes.Node;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Group commit against PostgreSQL. Writes that queue on a node while a transaction is in flight
 * share the next one, each with its own dense revision and its own outcome. To make a group, the
 * test holds the revision row ({@code SELECT … FOR UPDATE} on a connection of its own): one write
 * leads and waits for the row, the others queue behind it, and all of them go when it is released.
 * A probe trigger records, for every change row, the top-level transaction that wrote it
 * ({@code txid_current()} is the same under every savepoint of a transaction), so the test reads
 * from PostgreSQL itself which writes committed together.
 */
class GroupCommitIT {

    private static final Actor ACTOR = Actor.of("group-it");
    /** Names node one's connections in {@code pg_stat_activity}, so the test sees and kills only them. */
    private static final String APPLICATION =
            "group-commit-" + UUID.randomUUID().toString().substring(0, 8);

    private static String url;
    private static Node one;
    private static Node two;
    private static JdbcTemplate db;

    @BeforeAll
    static void start() {
        url = TestInfrastructure.newSchemaUrl();
        String cluster = TestInfrastructure.newClusterName();
        one = TestNodes.start(
                url,
                cluster,
                "group-1",
                Map.of(
                        "catalog.writes.max-concurrent", "16",
                        "catalog.writes.lock-timeout", "10s",
                        "spring.datasource.hikari.data-source-properties.ApplicationName", APPLICATION));
        two = TestNodes.start(url, cluster, "group-2", Map.of());
        db = new JdbcTemplate(new DriverManagerDataSource(url, "postgres", ""));
        db.execute("CREATE TABLE group_probe (revision bigint PRIMARY KEY, txid bigint NOT NULL)");
        db.execute(
                """
                CREATE FUNCTION group_probe() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN INSERT INTO group_probe VALUES (NEW.revision, txid_current()); RETURN NULL; END $$
                """);
        db.execute(
                """
                CREATE TRIGGER group_probe AFTER INSERT ON catalog_changes
                FOR EACH ROW EXECUTE FUNCTION group_probe()
                """);
    }

    @AfterAll
    static void stop() {
        if (one != null) {
            one.close();
        }
        if (two != null) {
            two.close();
        }
    }

    private static CatalogEditor editor(Node node) {
        return node.bean(CatalogEditor.class);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    private static ToolDraft draft(String name, String description) {
        return new ToolDraft(name, description, "search", List.of("it"), true, Map.of(), "group-it");
    }

    private static ToolDraft patch(String description) {
        return new ToolDraft(null, description, null, null, null, null, "group-it");
    }

    private static long revision() {
        return db.queryForObject("SELECT revision FROM catalog_state WHERE id = 1", Long.class);
    }

    /** The top-level transaction that wrote each of {@code revisions}. */
    private static Map<Long, Long> transactions(Set<Long> revisions) {
        Map<Long, Long> txids = new HashMap<>();
        String in = revisions.stream().map(String::valueOf).collect(Collectors.joining(","));
        db.query("SELECT revision, txid FROM group_probe WHERE revision IN (" + in + ")", rs -> {
            txids.put(rs.getLong(1), rs.getLong(2));
        });
        return txids;
    }

    private static String description(String name, long revision) {
        return db.queryForObject(
                "SELECT document->>'description' FROM tool_versions WHERE name = ? AND revision = ?",
                String.class,
                name,
                revision);
    }

    /** A write's answer: its value, or what it threw. */
    record Answer(Object value, RuntimeException failure) {

        static Answer of(Callable<?> write) {
            try {
                return new Answer(write.call(), null);
            } catch (RuntimeException e) {
                return new Answer(null, e);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        Tool tool() {
            assertThat(failure).as("failure").isNull();
            return value instanceof Toggled toggled ? toggled.tool() : (Tool) value;
        }
    }

    /**
     * Runs {@code writes} on node one as one group: a blocker leads and waits for the revision row
     * the test holds, {@code writes} queue behind it, then the row is released and
     * {@code whileCommitting} runs. Returns the blocker's answer followed by each write's.
     */
    private static List<Answer> inOneGroup(List<Callable<?>> writes, Runnable whileCommitting) throws Exception {
        WriteTransactions transactions = one.bean(WriteTransactions.class);
        String blocker = unique("blocker");
        editor(one).create(draft(blocker, "blocker"), ACTOR);
        ExecutorService pool = Executors.newFixedThreadPool(writes.size() + 1);
        try (Connection holder = DriverManager.getConnection(url, "postgres", "")) {
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) {
                statement.execute("SELECT revision FROM catalog_state WHERE id = 1 FOR UPDATE");
            }
            Future<Answer> first =
                    pool.submit(() -> Answer.of(() -> editor(one).update(blocker, patch("leads"), null, ACTOR)));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> db.queryForObject(
                                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?"
                                            + " AND wait_event_type = 'Lock'",
                                    Long.class,
                                    APPLICATION)
                            == 1);
            List<Future<Answer>> rest = new ArrayList<>();
            for (Callable<?> write : writes) {
                rest.add(pool.submit(() -> Answer.of(write)));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> transactions.queued() == writes.size());
            holder.rollback();
            whileCommitting.run();
            List<Answer> answers = new ArrayList<>();
            answers.add(first.get());
            for (Future<Answer> answer : rest) {
                answers.add(answer.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    @Nested
    class Grouping {

        @Test
        void writesQueuedBehindATransactionCommitInOneTransactionEachWithItsOwnRevision() throws Exception {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                names.add(editor(one)
                        .create(draft(unique("grouped"), "before"), ACTOR)
                        .name());
            }
            List<Callable<?>> updates = new ArrayList<>();
            for (String name : names) {
                updates.add(() -> editor(one).update(name, patch("grouped " + name), null, ACTOR));
            }
            long before = revision() + 1; // the blocker's create

            List<Answer> answers = inOneGroup(updates, () -> {});

            long blocker = answers.get(0).tool().revision();
            assertThat(blocker).isEqualTo(before + 1);
            List<Tool> tools = answers.subList(1, answers.size()).stream()
                    .map(Answer::tool)
                    .toList();
            Set<Long> revisions = tools.stream().map(Tool::revision).collect(Collectors.toCollection(TreeSet::new));
            assertThat(revisions)
                    .as("each write its own revision, dense after the blocker's")
                    .containsExactlyElementsOf(LongStream.rangeClosed(blocker + 1, blocker + 10)
                            .boxed()
                            .toList());
            assertThat(revision()).isEqualTo(blocker + 10);
            Map<Long, Long> txids = transactions(revisions);
            assertThat(new HashSet<>(txids.values()))
                    .as("the ten queued writes committed in one transaction")
                    .hasSize(1);
            assertThat(transactions(Set.of(blocker)).get(blocker))
                    .as("the blocker committed alone, before them")
                    .isNotIn(txids.values());
            for (Tool tool : tools) {
                assertThat(tool.description()).isEqualTo("grouped " + tool.name());
                assertThat(description(tool.name(), tool.revision())).isEqualTo("grouped " + tool.name());
                assertThat(db.queryForObject(
                                "SELECT tool_names[1] FROM catalog_changes WHERE revision = ?",
                                String.class,
                                tool.revision()))
                        .isEqualTo(tool.name());
                assertThat(one.bean(CatalogReloader.class).snapshot().tool(tool.name()))
                        .as("the node reads its own writes")
                        .contains(tool);
            }
            DistributionSummary sizes = one.bean(MeterRegistry.class)
                    .get("catalog.writes.group.size")
                    .summary();
            assertThat(sizes.max()).as("the largest group").isEqualTo(10);
        }
    }

    @Nested
    class Isolation {

        @Test
        void aFailingWriteInAGroupNeverFailsItsNeighboursAndLeavesNothing() throws Exception {
            CatalogEditor editor = editor(one);
            String good1 = editor.create(draft(unique("good"), "before"), ACTOR).name();
            String good2 = editor.create(draft(unique("good"), "before"), ACTOR).name();
            String doomed =
                    editor.create(draft(unique("doomed"), "before"), ACTOR).name();
            String stale =
                    editor.create(draft(unique("stale"), "before"), ACTOR).name();
            String taken =
                    editor.create(draft(unique("taken"), "before"), ACTOR).name();
            String on = editor.create(draft(unique("on"), "before"), ACTOR).name();
            String missing = unique("missing");
            long before = revision() + 1; // the blocker's create

            List<Answer> answers = inOneGroup(
                    List.of(
                            () -> editor.update(good1, patch("good one"), null, ACTOR),
                            () -> editor.update(stale, patch("stale write"), 99, ACTOR),
                            () -> editor.update(missing, patch("missing write"), null, ACTOR),
                            () -> editor.create(draft(taken, "duplicate"), ACTOR),
                            () -> editor.setEnabled(on, true, null, ACTOR),
                            () -> editor.update(good2, patch("good two"), null, ACTOR),
                            () -> editor.delete(doomed, null, ACTOR)),
                    () -> {});

            long blocker = answers.get(0).tool().revision();
            Tool one1 = answers.get(1).tool();
            Tool two2 = answers.get(6).tool();
            long deleted = (Long) answers.get(7).value();
            assertThat(List.of(one1.revision(), two2.revision(), deleted))
                    .as("the good writes: consecutive revisions after the blocker's")
                    .containsExactlyInAnyOrder(blocker + 1, blocker + 2, blocker + 3);
            assertThat(blocker).isEqualTo(before + 1);
            assertThat(revision()).isEqualTo(blocker + 3);
            assertThat(new HashSet<>(transactions(Set.of(blocker + 1, blocker + 2, blocker + 3))
                            .values()))
                    .as("one transaction")
                    .hasSize(1);
            assertThat(answers.get(2).failure()).isInstanceOf(VersionConflictException.class);
            assertThat(answers.get(3).failure()).isInstanceOf(ToolNotFoundException.class);
            assertThat(answers.get(4).failure()).isInstanceOf(ToolAlreadyExistsException.class);
            Toggled unchanged = (Toggled) answers.get(5).value();
            assertThat(unchanged.tool().enabled()).isTrue();
            assertThat(unchanged.tool().version()).isEqualTo(1);
            assertThat(unchanged.revision()).isBetween(blocker, blocker + 3);

            assertThat(description(good1, one1.revision())).isEqualTo("good one");
            assertThat(description(good2, two2.revision())).isEqualTo("good two");
            assertThat(db.queryForObject("SELECT count(*) FROM tools WHERE name = ?", Long.class, doomed))
                    .isZero();
            assertThat(db.queryForObject(
                            "SELECT count(*) FROM tool_versions WHERE name IN (?, ?, ?, ?) AND revision > ?",
                            Long.class,
                            stale,
                            missing,
                            taken,
                            on,
                            before))
                    .as("nothing of the failed or unchanged writes")
                    .isZero();
            assertThat(db.queryForList(
                            "SELECT name FROM tools WHERE name IN (?, ?, ?, ?) AND version = 1"
                                    + " AND description = 'before'",
                            String.class,
                            stale,
                            missing,
                            taken,
                            on))
                    .containsExactlyInAnyOrder(stale, taken, on);
            assertThat(db.queryForList(
                            "SELECT DISTINCT unnest(tool_names) FROM catalog_changes WHERE revision > ?",
                            String.class,
                            blocker))
                    .containsExactlyInAnyOrder(good1, good2, doomed);
        }
    }

    @Nested
    class CommitFailure {

        @Test
        void aGroupWhoseCommitIsKilledAnswersEveryWriteThatNothingWasWritten() throws Exception {
            // a deferred trigger holds the commit open, so the test can kill the connection during it
            db.execute(
                    """
                    CREATE OR REPLACE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN PERFORM pg_sleep(30); RETURN NULL; END $$
                    """);
            db.execute(
                    """
                    CREATE CONSTRAINT TRIGGER slow_commit AFTER INSERT ON catalog_changes
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
                    WHEN (NEW.tool_names[1] LIKE 'slow-%') EXECUTE FUNCTION slow_commit()
                    """);
            try {
                CatalogEditor editor = editor(one);
                String stale =
                        editor.create(draft(unique("stale"), "before"), ACTOR).name();
                String slow = unique("slow");
                String plainA = unique("plain");
                String plainB = unique("plain");

                List<Answer> answers = inOneGroup(
                        List.of(
                                () -> editor.create(draft(plainA, "a"), ACTOR),
                                () -> editor.create(draft(slow, "slow"), ACTOR),
                                () -> editor.update(stale, patch("stale"), 99, ACTOR),
                                () -> editor.create(draft(plainB, "b"), ACTOR)),
                        () -> {
                            List<Integer> committing = await().atMost(Duration.ofSeconds(20))
                                    .until(
                                            () -> db.queryForList(
                                                    "SELECT pid FROM pg_stat_activity WHERE application_name = ?"
                                                            + " AND wait_event = 'PgSleep'",
                                                    Integer.class,
                                                    APPLICATION),
                                            pids -> pids.size() == 1);
                            db.queryForObject("SELECT pg_terminate_backend(?)", Boolean.class, committing.get(0));
                        });

                long blocker = answers.get(0).tool().revision();
                assertThat(answers.subList(1, answers.size())).allSatisfy(answer -> {
                    assertThat(answer.failure()).isInstanceOf(DatabaseUnavailableException.class);
                    assertThat(answer.failure().getMessage()).contains("nothing was written");
                });
                assertThat(revision()).isEqualTo(blocker);
                assertThat(db.queryForObject(
                                "SELECT count(*) FROM tools WHERE name IN (?, ?, ?)", Long.class, slow, plainA, plainB))
                        .isZero();
                assertThat(db.queryForObject(
                                "SELECT count(*) FROM tool_versions WHERE revision > ?", Long.class, blocker))
                        .isZero();
                assertThat(editor.create(draft(plainA, "again"), ACTOR).revision())
                        .as("the node writes again")
                        .isEqualTo(blocker + 1);
            } finally {
                db.execute("DROP TRIGGER IF EXISTS slow_commit ON catalog_changes");
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
                case 0, 1 -> () -> editor.create(draft(name, "created " + step), ACTOR);
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
            DistributionSummary sizes = one.bean(MeterRegistry.class)
                    .get("catalog.writes.group.size")
                    .summary();
            double groupedBefore = sizes.totalAmount() - sizes.count();
            List<Answer> answers = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(9);
            try {
                List<Future<List<Answer>>> writers = new ArrayList<>();
                for (int w = 0; w < 9; w++) {
                    Node node = w < 6 ? one : two;
                    Random random = new Random(w * 7919L);
                    writers.add(pool.submit(() -> {
                        List<Answer> mine = new ArrayList<>();
                        for (int i = 0; i < 60; i++) {
                            mine.add(Answer.of(randomWrite(editor(node), random, prefix, i)));
                        }
                        return mine;
                    }));
                }
                for (Future<List<Answer>> writer : writers) {
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
            assertThat(db.queryForList("SELECT revision FROM catalog_changes ORDER BY revision", Long.class))
                    .as("revisions dense from 1")
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, end).boxed().toList());
            assertThat(db.queryForObject(
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
            assertThat(db.queryForObject(
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

            // every revision of the run is claimed by exactly one answer that changed something,
            // so no failed write left a revision behind
            Map<Long, Integer> claims = new HashMap<>();
            ToolVersionStore versions = one.bean(ToolVersionStore.class);
            for (Answer answer : answers) {
                if (answer.failure() != null) {
                    continue;
                }
                if (answer.value() instanceof Long deleted) {
                    claims.merge(deleted, 1, Integer::sum);
                    assertThat(db.queryForObject(
                                    "SELECT operation FROM tool_versions WHERE revision = ?", String.class, deleted))
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
                assertThat(db.queryForObject(
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
                        CatalogImage truth = one.bean(CatalogReads.class).readAll();
                        CatalogSnapshot expected = CatalogSnapshot.of(truth.revision(), truth.tools());
                        for (Node node : List.of(one, two)) {
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
