package io.toolcatalog.node.cluster;

import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.node.testing.TestCluster;
import io.toolcatalog.node.testing.TestNodes.Node;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Three nodes, {@code node-1} … {@code node-3}, on one schema and one Redis prefix, with the revision
 * poll set to an hour so that only the Redis paths can make a node catch up; started before the
 * test class, stopped after it.
 */
abstract class NoPollClusterTest {

    /** Long enough that the revision poll never runs during a test; heartbeats at the default 1 s. */
    static final Map<String, String> NO_POLL = Map.of("catalog.sync.poll-interval", "1h");

    static TestCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = TestCluster.start("node", 3, NO_POLL);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    static Node node(int number) {
        return cluster.node(number);
    }

    static long applied(Node node) {
        return node.bean(CatalogReloader.class).applied();
    }
}
