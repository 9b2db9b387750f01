package io.toolcatalog.node.cluster;

import io.micrometer.core.instrument.MeterRegistry;
import io.toolcatalog.node.testing.TestNodes;
import io.toolcatalog.node.testing.TestNodes.Node;
import io.toolcatalog.testsupport.TestInfrastructure;
import java.util.Map;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Two nodes of one cluster on a schema of their own: a test publishes beside a and watches b. */
record NodePair(String clusterName, Node a, Node b) implements AutoCloseable {

    static NodePair start(String prefix, Map<String, String> properties) {
        String jdbcUrl = TestInfrastructure.newSchemaUrl();
        String clusterName = TestInfrastructure.newClusterName();
        Node a = TestNodes.start(jdbcUrl, clusterName, prefix + "-a", properties);
        Node b = TestNodes.start(jdbcUrl, clusterName, prefix + "-b", properties);
        return new NodePair(clusterName, a, b);
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

    @Override
    public void close() {
        b.close();
        a.close();
    }
}
