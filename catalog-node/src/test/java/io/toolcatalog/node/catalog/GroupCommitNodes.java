package io.toolcatalog.node.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.toolcatalog.core.testing.ToolDrafts;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.tool.ToolDraft;
import io.toolcatalog.core.write.CatalogEditor;
import io.toolcatalog.core.write.CatalogEditor.Toggled;
import io.toolcatalog.core.write.WriteTransactions;
import io.toolcatalog.node.testing.TestNodes;
import io.toolcatalog.node.testing.TestNodes.Node;
import io.toolcatalog.testsupport.TestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Two nodes on one schema for the group commit tests, node one with many write slots and its
 * connections named, and a probe trigger that records, for every change row, the top-level
 * transaction that wrote it. {@link #inOneGroup} makes a group by holding the revision row.
 */
final class GroupCommitNodes {

    static final Actor ACTOR = Actor.of("group-it");
    /** Names node one's connections in {@code pg_stat_activity}, so the test sees and kills only them. */
    static final String APPLICATION =
            "group-commit-" + UUID.randomUUID().toString().substring(0, 8);

    private static String url;
    private static Node one;
    private static Node two;
    private static JdbcTemplate db;

    private GroupCommitNodes() {}

    /** Node one, whose connections the test sees by name. */
    static Node one() {
        return one;
    }

    /** Node two: plain settings. */
    static Node two() {
        return two;
    }

    /** The test's own connection to the schema. */
    static JdbcTemplate db() {
        return db;
    }

    static String url() {
        return url;
    }

    /** A whole tool as the group commit tests write it. */
    static ToolDraft tool(String name, String description) {
        return ToolDrafts.plain(name, description).tags("it").author("group-it").build();
    }

    /** An update of the description. */
    static ToolDraft patch(String description) {
        return ToolDrafts.patch().description(description).author("group-it").build();
    }

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

    static void stop() {
        if (one != null) {
            one.close();
        }
        if (two != null) {
            two.close();
        }
    }

    static CatalogEditor editor(Node node) {
        return node.bean(CatalogEditor.class);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    static long revision() {
        return db.queryForObject("SELECT revision FROM catalog_state WHERE id = 1", Long.class);
    }

    /** The top-level transaction that wrote each of {@code revisions}. */
    static Map<Long, Long> transactions(Set<Long> revisions) {
        Map<Long, Long> txids = new HashMap<>();
        String in = revisions.stream().map(String::valueOf).collect(Collectors.joining(","));
        db.query("SELECT revision, txid FROM group_probe WHERE revision IN (" + in + ")", rs -> {
            txids.put(rs.getLong(1), rs.getLong(2));
        });
        return txids;
    }

    static String description(String name, long revision) {
        return db.queryForObject(
                "SELECT document->>'description' FROM tool_versions WHERE name = ? AND revision = ?",
                String.class,
                name,
                revision);
    }

    /** A write's answer: its value, or what it threw. */
    record Attempt(Object value, RuntimeException failure) {

        static Attempt of(Callable<?> write) {
            try {
                return new Attempt(write.call(), null);
            } catch (RuntimeException e) {
                return new Attempt(null, e);
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
    static List<Attempt> inOneGroup(List<Callable<?>> writes, Runnable whileCommitting) throws Exception {
        WriteTransactions transactions = one.bean(WriteTransactions.class);
        String blocker = unique("blocker");
        editor(one).create(tool(blocker, "blocker"), ACTOR);
        ExecutorService pool = Executors.newFixedThreadPool(writes.size() + 1);
        try (Connection holder = DriverManager.getConnection(url, "postgres", "")) {
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) {
                statement.execute("SELECT revision FROM catalog_state WHERE id = 1 FOR UPDATE");
            }
            Future<Attempt> first =
                    pool.submit(() -> Attempt.of(() -> editor(one).update(blocker, patch("leads"), null, ACTOR)));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> db.queryForObject(
                                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?"
                                            + " AND wait_event_type = 'Lock'",
                                    Long.class,
                                    APPLICATION)
                            == 1);
            List<Future<Attempt>> rest = new ArrayList<>();
            for (Callable<?> write : writes) {
                rest.add(pool.submit(() -> Attempt.of(write)));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> transactions.queued() == writes.size());
            holder.rollback();
            whileCommitting.run();
            List<Attempt> answers = new ArrayList<>();
            answers.add(first.get());
            for (Future<Attempt> answer : rest) {
                answers.add(answer.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
