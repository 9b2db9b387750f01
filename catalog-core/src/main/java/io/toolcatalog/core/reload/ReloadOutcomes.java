package io.toolcatalog.core.reload;

import io.toolcatalog.core.cluster.Membership;
import io.toolcatalog.core.cluster.NodeStatus;
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
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Each live node's outcome of one cluster-wide reload, read back from the cluster's history until
 * every node that was up has reported or the wait is over.
 */
public final class ReloadOutcomes {

    private static final Duration POLL = Duration.ofMillis(10);

    private final HistoryStore history;
    private final Membership membership;
    private final Sleeper sleeper;

    public ReloadOutcomes(HistoryStore history, Membership membership, Sleeper sleeper) {
        this.history = history;
        this.membership = membership;
        this.sleeper = sleeper;
    }

    /**
     * Waits up to {@code wait} for the outcome of {@code request} on every node up at {@code applied};
     * node {@code self} reported {@code local} already.
     */
    ClusterReload await(ReloadRequest request, String self, ReloadEvent local, long applied, Duration wait) {
        Set<String> expected = membership.nodes(applied).stream()
                .filter(NodeStatus::isUp)
                .map(NodeStatus::nodeId)
                .collect(Collectors.toCollection(TreeSet::new));
        expected.add(self);
        Map<String, ReloadEvent> reported = new LinkedHashMap<>();
        reported.put(self, local);
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
