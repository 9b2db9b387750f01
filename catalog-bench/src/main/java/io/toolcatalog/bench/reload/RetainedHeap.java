package io.toolcatalog.bench.reload;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.function.Supplier;

/**
 * Heap a value keeps alive: used heap after full GCs with the value held, minus before it was
 * built. Coarse (a few KB of noise), so only meaningful divided over thousands of tools.
 */
public final class RetainedHeap {

    private RetainedHeap() {}

    public static long of(Supplier<?> build) {
        long before = usedAfterGc();
        Object value = build.get();
        long after = usedAfterGc();
        Reference.reachabilityFence(value);
        return after - before;
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
