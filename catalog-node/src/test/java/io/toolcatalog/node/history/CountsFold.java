package io.toolcatalog.node.history;

import org.springframework.context.ApplicationContext;

/** Runs a node's fold of departed nodes' reload counters (its Lua script) now, for tests in other packages. */
public final class CountsFold {

    private CountsFold() {}

    /** How many departed nodes' counters were folded. */
    public static long run(ApplicationContext node) {
        return node.getBean(ReloadCountsRetention.class).prune();
    }
}
