package io.toolcatalog.core.reload;

import io.toolcatalog.core.cluster.Membership;
import io.toolcatalog.core.cluster.NodeStatus;
import io.toolcatalog.core.cluster.ReloadBroadcaster;
import io.toolcatalog.core.cluster.ReloadRequest;
import io.toolcatalog.core.concurrent.Sleeper;
import io.toolcatalog.core.history.HistoryQuery;
import io.toolcatalog.core.history.HistoryStore;
import io.toolcatalog.core.history.ReloadEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Explicit reloads (manual, webhook): performed here, then asked of every node through the
 * broadcaster with the same {@code reload_id}; optionally waits for each live node's outcome,
 * read back from the cluster's history.
 */
public final class ClusterReloads {

    private static final Duration POLL = Duration.ofMillis(10);

    private final CatalogReloader reloader;
    private final ReloadBroadcaster broadcaster;
    private final HistoryStore history;
    private final Membership membership;
    private final Sleeper sleeper;

    public ClusterReloads(
            CatalogReloader reloader,
            ReloadBroadcaster broadcaster,
            HistoryStore history,
            Membership membership,
            Sleeper sleeper) {
        this.reloader = reloader;
        this.broadcaster = broadcaster;
        this.history = history;
        this.membership = membership;
        this.sleeper = sleeper;
    }

    public ClusterReload reload(ReloadRequest request, boolean clusterScope, Duration wait) {
        ReloadEvent local = reloader.reload(request);
        if (!clusterScope) {
            return new ClusterReload(local, false, List.of(local), List.of());
        }
        broadcaster.reloadRequested(request);
        if (wait == null || wait.isZero() || wait.isNegative()) {
            return new ClusterReload(local, true, List.of(), List.of());
        }
        Set<String> expected = membership.nodes(reloader.applied()).stream()
                .filter(NodeStatus::isUp)
                .map(NodeStatus::nodeId)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        expected.add(reloader.nodeId());
        Map<String, ReloadEvent> reported = new LinkedHashMap<>();
        reported.put(reloader.nodeId(), local);
        long deadline = System.nanoTime() + wait.toNanos();
        while (!reported.keySet().containsAll(expected) && System.nanoTime() < deadline) {
            sleeper.sleep(POLL);
            for (ReloadEvent event : history.query(HistoryQuery.forReload(
                            request.reloadId(), local.timestamp().minusSeconds(1), 1000))
                    .history()) {
                reported.putIfAbsent(event.nodeId(), event);
            }
        }
        List<String> missing = new ArrayList<>(expected);
        missing.removeAll(reported.keySet());
        return new ClusterReload(local, true, List.copyOf(reported.values()), missing);
    }
}
