package io.toolcatalog.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.toolcatalog.node.testing.TestNodes;
import io.toolcatalog.testsupport.NodeProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Node processes a test kills mid-write: started from the packaged jar, each named in PostgreSQL by
 * its id (its connections' {@code application_name}), so the test can tell which one waits behind a
 * row it holds uncommitted.
 */
final class KillableNodes {

    private KillableNodes() {}

    /** The packaged node; the {@code package} phase must have run. */
    static Path packagedJar() {
        Path jar = Path.of(System.getProperty("robustness.jar", "target/catalog-node.jar"));
        assertThat(jar).as("the packaged node: run the package phase first").exists();
        return jar;
    }

    /** A node looking for due work every 100 ms, with {@code extra} on top of the test properties. */
    static NodeProcess node(String id, String jdbcUrl, String cluster, Path out, Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(TestNodes.properties(jdbcUrl, cluster, id));
        properties.put("catalog.changes.schedule-poll", "100ms");
        properties.put(
                "spring.datasource.url",
                jdbcUrl.replace("currentSchema=", "ApplicationName=" + id + "&currentSchema="));
        properties.putAll(extra);
        return new NodeProcess(id, packagedJar(), properties, out);
    }

    /** Waits until one of {@code nodes} waits for the test's uncommitted row; that node. */
    static NodeProcess awaitBlocked(Connection test, List<NodeProcess> nodes) {
        String blocked = await().atMost(Duration.ofSeconds(30)).until(() -> blockedBy(test), n -> n != null);
        return nodes.stream().filter(n -> n.id().equals(blocked)).findFirst().orElseThrow();
    }

    /** The one of {@code nodes} that is not {@code dying}. */
    static NodeProcess other(List<NodeProcess> nodes, NodeProcess dying) {
        return nodes.stream().filter(n -> n != dying).findFirst().orElseThrow();
    }

    /** The node whose connection waits for this test's insert. */
    private static String blockedBy(Connection test) throws Exception {
        try (Statement s = test.createStatement();
                ResultSet blocked = s.executeQuery("SELECT application_name FROM pg_stat_activity"
                        + " WHERE pg_backend_pid() = ANY (pg_blocking_pids(pid))")) {
            return blocked.next() ? blocked.getString(1) : null;
        }
    }
}
