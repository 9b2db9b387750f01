package io.toolcatalog.core.history;

import java.util.Map;

/** Reload counters per node id, and where they came from ({@code cluster} or {@code local}). */
public record CountsByNode(Map<String, ReloadCounts> nodes, String source) {

    public ReloadCounts total() {
        return nodes.values().stream().reduce(ReloadCounts.NONE, ReloadCounts::plus);
    }
}
