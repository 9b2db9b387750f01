package io.toolcatalog.bench.cluster;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CPU time of the threads that did some work, counted per thread from the JVM: the simulated
 * nodes' Redis I/O threads (which decode and apply each message) and their catch-up threads, and
 * not the harness threads beside them in the same process (the PUTs, the waits for every node). A
 * thread that ended keeps the CPU last read for it, so the sum never goes down.
 */
final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Thread id → its CPU when last read (0 until then). */
    private final Map<Long, Long> lastRead = new ConcurrentHashMap<>();

    /** Counts the calling thread (all its CPU, before this call too: read differences). */
    void register() {
        lastRead.putIfAbsent(Thread.currentThread().getId(), 0L);
    }

    /** The registered threads' CPU so far. */
    long nanos() {
        long sum = 0;
        for (Map.Entry<Long, Long> e : lastRead.entrySet()) {
            long now = THREADS.getThreadCpuTime(e.getKey()); // -1 once the thread has ended
            if (now > e.getValue()) {
                e.setValue(now);
            }
            sum += Math.max(now, e.getValue());
        }
        return sum;
    }
}
