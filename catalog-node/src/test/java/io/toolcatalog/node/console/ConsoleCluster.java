package io.toolcatalog.node.console;

import io.toolcatalog.node.testing.TestCluster;
import io.toolcatalog.node.testing.TestNodes.Node;
import java.util.Map;

/** Two real nodes on one schema and one Redis prefix, and a headless browser: what the console tests drive. */
record ConsoleCluster(TestCluster cluster, Browser browser) implements AutoCloseable {

    static ConsoleCluster start(String idPrefix) {
        return new ConsoleCluster(TestCluster.start(Map.of(), idPrefix + "-a", idPrefix + "-b"), Browser.start());
    }

    Node nodeA() {
        return cluster.node(1);
    }

    Node nodeB() {
        return cluster.node(2);
    }

    @Override
    public void close() {
        browser.close();
        cluster.close();
    }
}
