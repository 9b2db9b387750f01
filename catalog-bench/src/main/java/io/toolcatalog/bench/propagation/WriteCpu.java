package io.toolcatalog.bench.propagation;

import static io.toolcatalog.bench.propagation.ClusterBenchmarks.TOOLS;
import static io.toolcatalog.bench.propagation.ClusterBenchmarks.fmt;

import io.toolcatalog.bench.cluster.Cluster;
import io.toolcatalog.bench.cluster.NodeClient;
import io.toolcatalog.testsupport.NodeProcess;
import java.time.Duration;
import java.util.List;

/**
 * CPU per PUT on the writer: one node takes closed-loop updates from 8 clients (its admission limit)
 * for a window; its whole process's CPU time over the window (request threads, the commit's rows, its
 * own message back from Redis, GC and JIT), less what it spends idle over a window as long just
 * before, per update. With a peer, also what the peer spent per change it applied from them.
 *
 * @param perPutMs the writer's CPU per update, idle CPU subtracted
 * @param peerPerChangeMs the peer's CPU per change it applied, idle subtracted (NaN without a peer)
 * @param run the updates sent in the window
 * @param writerIdleMsPerSecond the writer's idle CPU, subtracted
 * @param peerIdleMsPerSecond the peer's idle CPU, subtracted (NaN without a peer)
 */
record WriteCpu(
        double perPutMs,
        double peerPerChangeMs,
        MutationDriver.DriveResult run,
        double writerIdleMsPerSecond,
        double peerIdleMsPerSecond) {

    /** Client threads: what a node admits at once by default ({@code catalog.writes.max-concurrent}). */
    static final int CLIENTS = 8;

    /** Measures one window of {@code millis}; {@code peer} may be null. */
    static WriteCpu measure(NodeProcess writer, NodeClient writerApi, NodeProcess peer, long millis) {
        long writerIdle = cpuNanos(writer);
        long peerIdle = cpuNanos(peer);
        Cluster.pause(millis);
        writerIdle = cpuNanos(writer) - writerIdle;
        peerIdle = cpuNanos(peer) - peerIdle;
        long writerBusy = cpuNanos(writer);
        long peerBusy = cpuNanos(peer);
        MutationDriver.DriveResult run =
                MutationDriver.run(List.of(writerApi), TOOLS, 0, Integer.MAX_VALUE, millis, CLIENTS);
        double window = run.seconds() * 1000 / millis;
        writerBusy = cpuNanos(writer) - writerBusy - (long) (writerIdle * window);
        peerBusy = cpuNanos(peer) - peerBusy - (long) (peerIdle * window);
        int updates = Math.max(1, run.succeeded());
        double seconds = millis / 1000.0;
        return new WriteCpu(
                writerBusy / 1e6 / updates,
                peer == null ? Double.NaN : peerBusy / 1e6 / updates,
                run,
                writerIdle / 1e6 / seconds,
                peer == null ? Double.NaN : peerIdle / 1e6 / seconds);
    }

    /** Updates, their rate, the idle CPU subtracted, failures. */
    String note() {
        return run.succeeded() + " updates in " + fmt(run.seconds()) + " s (" + fmt(run.perSecond()) + "/s, "
                + CLIENTS + " clients); idle CPU subtracted: writer " + fmt(writerIdleMsPerSecond) + " ms/s"
                + (Double.isNaN(peerIdleMsPerSecond) ? "" : ", node 2 " + fmt(peerIdleMsPerSecond) + " ms/s")
                + (run.failed() > 0 ? "; " + run.failed() + " failed: " + run.firstError() : "");
    }

    /** The process's user + system CPU time so far; 0 for no process. */
    private static long cpuNanos(NodeProcess node) {
        if (node == null) {
            return 0;
        }
        return node.cpuTime()
                .map(Duration::toNanos)
                .orElseThrow(() -> new IllegalStateException("no CPU time for process " + node.pid()));
    }
}
