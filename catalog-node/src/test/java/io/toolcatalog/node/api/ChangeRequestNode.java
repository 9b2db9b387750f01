package io.toolcatalog.node.api;

import io.toolcatalog.node.testing.TestNodes;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * A lone node that knows alice (editor), bob and carol (approvers), for a class of change-request
 * tests: the class's {@code @BeforeAll} starts it through {@link #startNode} with its own settings;
 * it stops after the class's last test.
 */
abstract class ChangeRequestNode {

    static TestNodes.Node node;
    static Api api;
    static ChangeRequestCalls calls;

    /** Node {@code nodeId} on a schema of its own, with {@code settings} on top of the people. */
    static void startNode(String nodeId, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(ChangeRequestCalls.people());
        all.putAll(settings);
        node = TestNodes.alone(nodeId, all);
        api = new Api(node.port());
        calls = new ChangeRequestCalls(api);
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }
}
