package io.toolcatalog.bench.cluster;

import io.toolcatalog.bench.cluster.NodeClient.ReloadRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Collects every node's reload events while a benchmark runs: a poller asks each node for its
 * latest 100 events often enough that none scroll past between two polls.
 */
final class ReloadEvents implements AutoCloseable {

    private final List<NodeClient> nodes;
    private final long intervalMs;
    private final Map<String, Set<ReloadRecord>> byNode = new ConcurrentHashMap<>();
    private final AtomicInteger failures = new AtomicInteger();
    private final Thread poller;
    private volatile boolean running = true;

    ReloadEvents(List<NodeClient> nodes, long intervalMs) {
        this.nodes = nodes;
        this.intervalMs = intervalMs;
        nodes.forEach(n -> byNode.put(n.nodeId(), ConcurrentHashMap.newKeySet()));
        this.poller = new Thread(this::poll, "bench-history-poller");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        while (running) {
            pollOnce();
            try {
                Thread.sleep(intervalMs);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    void pollOnce() {
        for (NodeClient node : nodes) {
            try {
                byNode.get(node.nodeId()).addAll(node.history(100));
            } catch (RuntimeException e) {
                failures.incrementAndGet();
            }
        }
    }

    /** Stops polling after one last look. */
    @Override
    public void close() {
        running = false;
        poller.interrupt();
        try {
            poller.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pollOnce();
    }

    Map<String, List<ReloadRecord>> events() {
        Map<String, List<ReloadRecord>> copy = new ConcurrentHashMap<>();
        byNode.forEach((node, events) -> copy.put(node, new ArrayList<>(events)));
        return copy;
    }

    int failures() {
        return failures.get();
    }
}
