package io.toolcatalog.api.reload;

import io.toolcatalog.core.history.CountsByNode;
import io.toolcatalog.core.history.ReloadCounts;
import io.toolcatalog.core.reload.ReloadProperties;
import java.util.Map;
import java.util.TreeMap;

/** The predecessor's statistics, for the whole cluster, then each node's counters and where they came from. */
record StatisticsResponse(
        long totalReloads,
        long successfulReloads,
        long failedReloads,
        double successRate,
        int handlersRegistered,
        boolean periodicRefreshEnabled,
        long refreshIntervalSeconds,
        Map<String, NodeCounts> nodes,
        String source) {

    static StatisticsResponse from(CountsByNode counts, int handlers, ReloadProperties reload) {
        ReloadCounts total = counts.total();
        Map<String, NodeCounts> nodes = new TreeMap<>();
        counts.nodes().forEach((node, c) -> nodes.put(node, NodeCounts.from(c)));
        return new StatisticsResponse(
                total.total(),
                total.successful(),
                total.failed(),
                total.successRate(),
                handlers,
                reload.periodicRefresh(),
                reload.refreshInterval().toSeconds(),
                nodes,
                counts.source());
    }

    record NodeCounts(long totalReloads, long successfulReloads, long failedReloads) {

        static NodeCounts from(ReloadCounts counts) {
            return new NodeCounts(counts.total(), counts.successful(), counts.failed());
        }
    }
}
