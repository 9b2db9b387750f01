package io.toolcatalog.node.console;

import io.toolcatalog.node.testing.TestNodes;
import io.toolcatalog.node.testing.TestNodes.Node;
import io.toolcatalog.testsupport.TestInfrastructure;

/** Two real nodes on one schema and one Redis prefix, and a headless browser: what the console tests drive. */
record ConsoleCluster(Node nodeA, Node nodeB, Browser browser) implements AutoCloseable {

    static ConsoleCluster start(String idPrefix) {
        String jdbcUrl = TestInfrastructure.newSchemaUrl();
        String cluster = TestInfrastructure.newClusterName();
        Node a = TestNodes.start(jdbcUrl, cluster, idPrefix + "-a");
        Node b = TestNodes.start(jdbcUrl, cluster, idPrefix + "-b");
        return new ConsoleCluster(a, b, Browser.start());
    }

    @Override
    public void close() {
        browser.close();
        nodeB.close();
        nodeA.close();
    }
}
