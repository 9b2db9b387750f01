package io.toolcatalog.node.catalog;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A test class on the {@link GroupCommitNodes}: started before its first test, stopped after its last. */
abstract class GroupCommitCluster {

    @BeforeAll
    static void startNodes() {
        GroupCommitNodes.start();
    }

    @AfterAll
    static void stopNodes() {
        GroupCommitNodes.stop();
    }
}
