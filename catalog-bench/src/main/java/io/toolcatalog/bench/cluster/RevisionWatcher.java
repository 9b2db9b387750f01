package io.toolcatalog.bench.cluster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches every node's applied revision from outside: one thread per node reads the revision header
 * of a one-tool GET about once a millisecond and notes when each revision was first seen there.
 * A revision's "applied on that node" time is therefore an upper bound, late by at most one poll.
 *
 * <p>Why not the nodes' own reload events: {@code GET …/reload/history} reads the whole cluster
 * stream per call, so polling it fast enough loaded the nodes more than the mutations did.
 */
final class RevisionWatcher implements AutoCloseable {

    private final List<NodeClient> nodes;
    private final String probePath;
    private final Map<String, Map<Long, Instant>> firstSeen = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> polls = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private final long startNanos = System.nanoTime();
    private volatile boolean running = true;
    private volatile long stoppedNanos;

    RevisionWatcher(List<NodeClient> nodes, String probePath) {
        this.nodes = nodes;
        this.probePath = probePath;
        for (NodeClient node : nodes) {
            Map<Long, Instant> seen = new HashMap<>();
            firstSeen.put(node.nodeId(), seen);
            AtomicLong count = new AtomicLong();
            polls.put(node.nodeId(), count);
            long initial = node.revisionAt(probePath);
            Thread thread = new Thread(() -> watch(node, seen, count, initial), "bench-watch-" + node.nodeId());
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
    }

    private void watch(NodeClient node, Map<Long, Instant> seen, AtomicLong count, long initial) {
        long last = initial;
        while (running) {
            long revision;
            try {
                revision = node.revisionAt(probePath);
            } catch (RuntimeException e) {
                LockSupport.parkNanos(1_000_000);
                continue;
            }
            Instant now = Instant.now();
            count.incrementAndGet();
            if (revision > last) {
                synchronized (seen) {
                    for (long r = last + 1; r <= revision; r++) {
                        seen.put(r, now);
                    }
                }
                last = revision;
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    @Override
    public void close() {
        running = false;
        stoppedNanos = System.nanoTime();
        for (Thread t : threads) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Per node, the time each revision was first seen applied there. */
    Map<String, Map<Long, Instant>> firstSeen() {
        Map<String, Map<Long, Instant>> copy = new HashMap<>();
        firstSeen.forEach((node, seen) -> {
            synchronized (seen) {
                copy.put(node, new HashMap<>(seen));
            }
        });
        return copy;
    }

    /** The mean time between two polls of one node: the resolution of every figure it gives. */
    double meanPollMs() {
        long end = stoppedNanos == 0 ? System.nanoTime() : stoppedNanos;
        double total = polls.values().stream().mapToLong(AtomicLong::get).sum();
        return total == 0 ? Double.NaN : (end - startNanos) / 1e6 / (total / nodes.size());
    }
}
