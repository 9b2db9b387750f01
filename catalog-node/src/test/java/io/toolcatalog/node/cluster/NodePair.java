package io.toolcatalog.node.cluster;

import io.micrometer.core.instrument.MeterRegistry;
import io.toolcatalog.node.testing.TestNodes;
import io.toolcatalog.node.testing.TestNodes.Node;
import io.toolcatalog.testsupport.TestInfrastructure;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Two nodes of one cluster on a schema of their own: a test publishes beside a and watches b. A
 * test class holds it as {@code @RegisterExtension static final NodePair nodes = new NodePair(…)}:
 * the nodes start before its first test and stop after its last.
 */
final class NodePair implements BeforeAllCallback, AfterAllCallback {

    private final String prefix;
    private final Map<String, String> properties;
    private String clusterName;
    private Node a;
    private Node b;

    NodePair(String prefix, Map<String, String> properties) {
        this.prefix = prefix;
        this.properties = Map.copyOf(properties);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        String jdbcUrl = TestInfrastructure.newSchemaUrl();
        clusterName = TestInfrastructure.newClusterName();
        a = TestNodes.start(jdbcUrl, clusterName, prefix + "-a", properties);
        b = TestNodes.start(jdbcUrl, clusterName, prefix + "-b", properties);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    Node a() {
        return a;
    }

    Node b() {
        return b;
    }

    /** Change messages node b received that ended with {@code outcome}. */
    double receivedByB(String outcome) {
        return b.bean(MeterRegistry.class)
                .counter("catalog.cluster.messages.received", "type", "catalog_changed", "outcome", outcome)
                .count();
    }

    /** Publishes {@code body} on the change channel, as anyone who can reach Redis could. */
    void publish(String body) {
        a.bean(StringRedisTemplate.class).convertAndSend(clusterName + ":catalog-changed", body);
    }
}
