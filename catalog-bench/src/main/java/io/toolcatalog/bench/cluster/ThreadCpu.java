package io.toolcatalog.bench.cluster;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CPU time of the threads that did some work, counted per thread from the JVM: the simulated
 * nodes' Redis I/O threads (which decode and apply each message) and their catch-up threads, and
 * not the harness threads beside them in the same process (the PUTs, the waits for every node).
 */
final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Set<Long> ids = ConcurrentHashMap.newKeySet();
    private final Set<Long> ended = ConcurrentHashMap.newKeySet();

    /** Counts the calling thread from now on (its CPU before is counted too: read differences). */
    void register() {
        ids.add(Thread.currentThread().getId());
    }

    /** The registered threads' CPU so far, of the threads still alive. */
    long nanos() {
        long sum = 0;
        for (long id : ids) {
            long t = ended.contains(id) ? -1 : THREADS.getThreadCpuTime(id);
            if (t < 0) {
                ended.add(id);
            } else {
                sum += t;
            }
        }
        return sum;
    }
}
