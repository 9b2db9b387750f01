package io.toolcatalog.node.testing;

import io.toolcatalog.node.CatalogNodeApplication;
import io.toolcatalog.testsupport.TestInfrastructure;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts whole nodes (application contexts on random ports) for cluster tests. */
public final class TestNodes {

    /** The cluster key test nodes sign their messages with. */
    public static final String MESSAGE_KEY = "test-cluster-key";

    public static final String ADMIN_TOKEN = "admin-token";
    public static final String APPROVER_TOKEN = "approver-token";
    public static final String EDITOR_TOKEN = "editor-token";
    public static final String READER_TOKEN = "reader-token";

    private TestNodes() {}

    /** The properties of a node on {@code jdbcUrl}'s schema in cluster {@code clusterName}. */
    public static Map<String, String> properties(String jdbcUrl, String clusterName, String nodeId) {
        Map<String, String> p = new HashMap<>();
        p.put("spring.datasource.url", jdbcUrl);
        p.put("spring.datasource.username", "postgres");
        p.put("spring.datasource.password", "");
        p.put("spring.datasource.hikari.maximum-pool-size", "10");
        p.put("spring.datasource.hikari.minimum-idle", "1");
        p.put("spring.flyway.schemas", TestInfrastructure.schemaOf(jdbcUrl));
        p.put("spring.data.redis.url", TestInfrastructure.redisUrl());
        p.put("catalog.cluster.name", clusterName);
        // as a cluster should run: members sign their messages, so peers apply carried rows
        p.put("catalog.cluster.message-key", MESSAGE_KEY);
        p.put("catalog.security.admin-token", ADMIN_TOKEN);
        p.put("catalog.security.approver-token", APPROVER_TOKEN);
        p.put("catalog.security.editor-token", EDITOR_TOKEN);
        p.put("catalog.security.reader-token", READER_TOKEN);
        p.put("catalog.dev-services.enabled", "false");
        if (nodeId != null) {
            p.put("catalog.node.id", nodeId);
        }
        return p;
    }

    /** A running node; close it to stop it (as a clean shutdown would). */
    public record Node(String id, ConfigurableApplicationContext context) implements AutoCloseable {

        public int port() {
            return ((WebServerApplicationContext) context).getWebServer().getPort();
        }

        public String baseUrl() {
            return "http://127.0.0.1:" + port();
        }

        public <T> T bean(Class<T> type) {
            return context.getBean(type);
        }

        @Override
        public void close() {
            context.close();
        }
    }

    /** A lone node on a schema and cluster of its own. */
    public static Node alone(String nodeId) {
        return alone(nodeId, Map.of());
    }

    /** A lone node on a schema and cluster of its own, with {@code overrides}. */
    public static Node alone(String nodeId, Map<String, String> overrides) {
        return start(TestInfrastructure.newSchemaUrl(), TestInfrastructure.newClusterName(), nodeId, overrides);
    }

    public static Node start(String jdbcUrl, String clusterName, String nodeId) {
        return start(jdbcUrl, clusterName, nodeId, Map.of());
    }

    /** A node with {@code overrides} on top of the usual properties (a slower poll, another Redis). */
    public static Node start(String jdbcUrl, String clusterName, String nodeId, Map<String, String> overrides) {
        Map<String, Object> props = new HashMap<>(properties(jdbcUrl, clusterName, nodeId));
        props.put("server.port", "0");
        props.putAll(overrides);
        // as arguments, not builder properties: those are defaults, which application.yml overrides
        String[] args = props.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CatalogNodeApplication.class).run(args);
        return new Node(nodeId, context);
    }
}
