package io.toolcatalog.node.testing;

import static org.awaitility.Awaitility.await;

import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.reload.CatalogSnapshot;
import io.toolcatalog.core.store.CatalogImage;
import io.toolcatalog.core.store.CatalogReads;
import io.toolcatalog.node.testing.TestNodes.Node;
import io.toolcatalog.testsupport.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whole nodes (application contexts on random ports) on one schema and one Redis prefix, as a real
 * cluster shares them, every node with the same {@code settings} on top of the test defaults. Nodes
 * are numbered from 1 in the order they joined. {@link #close()} stops them all.
 */
public final class TestCluster implements AutoCloseable {

    private final String jdbcUrl;
    private final String name;
    private final Map<String, String> settings;
    private final List<Node> nodes = new ArrayList<>();

    private TestCluster(String jdbcUrl, String name, Map<String, String> settings) {
        this.jdbcUrl = jdbcUrl;
        this.name = name;
        this.settings = Map.copyOf(settings);
    }

    /** Nodes {@code prefix-1} … {@code prefix-size} on a new schema and a new Redis prefix. */
    public static TestCluster start(String prefix, int size, Map<String, String> settings) {
        TestCluster cluster = empty(TestInfrastructure.newSchemaUrl(), settings);
        for (int i = 1; i <= size; i++) {
            cluster.add(prefix + "-" + i);
        }
        return cluster;
    }

    /** Nodes with these ids on a new schema and a new Redis prefix. */
    public static TestCluster start(Map<String, String> settings, String... nodeIds) {
        TestCluster cluster = empty(TestInfrastructure.newSchemaUrl(), settings);
        for (String id : nodeIds) {
            cluster.add(id);
        }
        return cluster;
    }

    /** No node yet, on {@code jdbcUrl}'s schema (a private server's, say) and a new Redis prefix. */
    public static TestCluster empty(String jdbcUrl, Map<String, String> settings) {
        return new TestCluster(jdbcUrl, TestInfrastructure.newClusterName(), settings);
    }

    /** Starts a node with the cluster's settings and adds it. */
    public Node add(String nodeId) {
        return add(nodeId, Map.of());
    }

    /** Starts a node with the cluster's settings and {@code overrides} and adds it. */
    public Node add(String nodeId, Map<String, String> overrides) {
        Node node = startNode(nodeId, overrides);
        nodes.add(node);
        return node;
    }

    /** Starts a node of this cluster that is not added: the caller stops it. */
    public Node startNode(String nodeId, Map<String, String> overrides) {
        Map<String, String> all = new HashMap<>(settings);
        all.putAll(overrides);
        return TestNodes.start(jdbcUrl, name, nodeId, all);
    }

    /** Stops node {@code number} cleanly; {@link #restart} brings it back. */
    public void stop(int number) {
        node(number).close();
    }

    /** Starts node {@code number} again, same id and settings, from the database. */
    public Node restart(int number) {
        Node fresh = startNode(node(number).id(), Map.of());
        nodes.set(number - 1, fresh);
        return fresh;
    }

    public Node node(int number) {
        return nodes.get(number - 1);
    }

    public <T> T bean(int number, Class<T> type) {
        return node(number).bean(type);
    }

    /** The nodes, in the order they joined. */
    public List<Node> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The cluster name, which is also its Redis key prefix. */
    public String name() {
        return name;
    }

    /** The catalog as the database has it now, as a snapshot (its revision and digest). */
    public CatalogSnapshot database() {
        CatalogImage image = node(1).bean(CatalogReads.class).readAll();
        return CatalogSnapshot.of(image.revision(), image.tools());
    }

    /** Waits until every node's snapshot has the database's revision and digest. */
    public void awaitConverged(Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(20)).until(() -> {
            CatalogSnapshot truth = database();
            return nodes.stream()
                    .map(n -> n.bean(CatalogReloader.class).snapshot())
                    .allMatch(
                            s -> s.revision() == truth.revision() && s.digest().equals(truth.digest()));
        });
    }

    @Override
    public void close() {
        nodes.forEach(Node::close);
    }
}
