package io.toolcatalog.core.history;

import io.toolcatalog.core.cluster.NodeIdentity;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * This node's own reload events: the newest {@code capacity} in memory, and counters since start.
 * It answers history on a single node, and stands in for the cluster's store when that is down.
 */
public final class LocalReloadHistory implements ReloadEventListener, HistoryStore {

    private final ArrayDeque<ReloadEvent> events;
    private final int capacity;
    private final String nodeId;
    private long total;
    private long successful;

    public LocalReloadHistory(int capacity, NodeIdentity node) {
        this.capacity = capacity;
        this.events = new ArrayDeque<>(capacity);
        this.nodeId = node.nodeId();
    }

    @Override
    public synchronized void onReloadEvent(ReloadEvent event) {
        if (events.size() == capacity) {
            events.removeFirst();
        }
        events.addLast(event);
        total++;
        if (event.success()) {
            successful++;
        }
    }

    @Override
    public synchronized HistoryPage query(HistoryQuery query) {
        List<ReloadEvent> matched = new ArrayList<>();
        int count = 0;
        for (Iterator<ReloadEvent> it = events.descendingIterator(); it.hasNext(); ) {
            ReloadEvent event = it.next();
            if (query.matches(event)) {
                count++;
                if (matched.size() < query.limit()) {
                    matched.add(event);
                }
            }
        }
        return new HistoryPage(List.copyOf(matched), count, "local");
    }

    @Override
    public synchronized CountsByNode counts() {
        return new CountsByNode(Map.of(nodeId, new ReloadCounts(total, successful, total - successful)), "local");
    }
}
