package io.toolcatalog.node.api;

import io.toolcatalog.node.testing.TestCluster;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Nodes that know alice (editor), bob and carol (approvers), for a class of change-request tests on
 * a cluster: the class's {@code @BeforeAll} starts them through {@link #startCluster} with its own
 * settings; they stop after the class's last test. Calls go through node 1.
 */
abstract class ChangeRequestCluster {

    static final Duration WITHIN = Duration.ofSeconds(20);

    static TestCluster cluster;
    static Api api;
    static ChangeRequestCalls calls;
    static JdbcTemplate jdbc;

    /** Nodes {@code prefix-1} … {@code prefix-size}, with {@code settings} on top of the people. */
    static void startCluster(String prefix, int size, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(ChangeRequestCalls.people());
        all.putAll(settings);
        cluster = TestCluster.start(prefix, size, all);
        api = new Api(cluster.node(1).port());
        calls = new ChangeRequestCalls(api);
        jdbc = cluster.bean(1, JdbcTemplate.class);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }
}
