package io.toolcatalog.bench.propagation;

import io.toolcatalog.bench.cluster.NodeClient;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends description updates round-robin over the nodes from {@code threads} client threads, at
 * {@code perSecond} (0: as fast as the cluster answers), until {@code count} were sent or
 * {@code maxMillis} passed.
 */
final class MutationDriver {

    /** What was sent: how many succeeded and failed, over how long, and the highest revision seen. */
    record DriveResult(int succeeded, int failed, double seconds, long lastRevision, String firstError) {

        double perSecond() {
            return succeeded / seconds;
        }
    }

    private MutationDriver() {}

    static DriveResult run(List<NodeClient> nodes, int tools, int perSecond, int count, long maxMillis, int threads) {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong last = new AtomicLong();
        String[] firstError = new String[1];
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(maxMillis);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                while (true) {
                    int i = next.getAndIncrement();
                    if (i >= count || System.nanoTime() > deadline) {
                        return;
                    }
                    if (perSecond > 0) {
                        long due = start + i * 1_000_000_000L / perSecond;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                    }
                    try {
                        long revision = nodes.get(i % nodes.size())
                                .updateDescription(ClusterBenchmarks.toolName(i % tools), "edit " + i);
                        last.accumulateAndGet(revision, Math::max);
                        ok.incrementAndGet();
                    } catch (RuntimeException e) {
                        if (failed.getAndIncrement() == 0) {
                            firstError[0] = e.getMessage();
                        }
                    }
                }
            });
        }
        pool.shutdown();
        try {
            pool.awaitTermination(maxMillis + 30_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdownNow();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new DriveResult(ok.get(), failed.get(), seconds, last.get(), firstError[0]);
    }
}
