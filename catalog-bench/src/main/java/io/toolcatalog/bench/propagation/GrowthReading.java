package io.toolcatalog.bench.propagation;

import io.lettuce.core.api.StatefulRedisConnection;
import io.toolcatalog.bench.cluster.SimulatedNodes;
import io.toolcatalog.testsupport.MeasuredDatabase;
import io.toolcatalog.testsupport.NodeProcess;
import io.toolcatalog.testsupport.PrivatePostgres;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One reading of everything {@link GrowthBenchmarks} counts: {@link CostCounters}' statements and
 * Redis counters, PostgreSQL's committed transactions of the measured database, the writing node's
 * process CPU and the simulated nodes' message counts and thread CPU.
 */
record GrowthReading(
        CostCounters.Reading counters,
        long transactions,
        long nodeCpuNanos,
        long simCpuNanos,
        long received,
        long rang,
        long carried) {

    static GrowthReading read(
            PrivatePostgres postgres,
            String database,
            StatefulRedisConnection<String, String> info,
            NodeProcess node,
            SimulatedNodes sim) {
        return new GrowthReading(
                CostCounters.read(postgres, info, List.of()),
                MeasuredDatabase.xactCommit(postgres.baseUrl(), database),
                node.cpuTime().map(Duration::toNanos).orElse(0L),
                sim.cpuNanos(),
                sim.received(),
                sim.rang(),
                sim.carriedApplies());
    }

    double seconds(GrowthReading later) {
        return (later.counters.nanos() - counters.nanos()) / 1e9;
    }

    /** Per change, net of the idle window's rates: from {@code idle0} to {@code idle1} idle, then to {@code busy1}. */
    static PerChange perChange(
            GrowthReading idle0, GrowthReading idle1, GrowthReading busy1, int changes, int simulated) {
        double idleSeconds = idle0.seconds(idle1);
        double busySeconds = idle1.seconds(busy1);
        CostCounters.CostCounts idle =
                CostCounters.diff(idle0.counters, idle1.counters).over(idleSeconds);
        CostCounters.CostCounts counts = CostCounters.diff(idle1.counters, busy1.counters)
                .minus(idle, busySeconds)
                .over(changes);
        double share = busySeconds / idleSeconds;
        Map<String, Double> byStatement = new TreeMap<>();
        busy1.counters.statements().forEach((q, v) -> {
            double busy = v[0] - idle1.counters.statements().getOrDefault(q, new long[2])[0];
            double idleCalls = idle1.counters.statements().getOrDefault(q, new long[2])[0]
                    - idle0.counters.statements().getOrDefault(q, new long[2])[0];
            double per = (busy - idleCalls * share) / changes;
            if (per >= 0.005) {
                byStatement.put(CostCounters.shorten(q), per);
            }
        });
        return new PerChange(
                counts,
                byStatement,
                net(idle0.transactions, idle1.transactions, busy1.transactions, share) / changes,
                net(idle0.nodeCpuNanos, idle1.nodeCpuNanos, busy1.nodeCpuNanos, share) / changes / 1e6,
                net(idle0.simCpuNanos, idle1.simCpuNanos, busy1.simCpuNanos, share) / changes / simulated / 1e3,
                (busy1.received - idle1.received) / (double) changes,
                (busy1.rang - idle1.rang) / (double) changes,
                (busy1.carried - idle1.carried) / (double) changes,
                idle,
                (idle1.simCpuNanos - idle0.simCpuNanos) / idleSeconds / 1e6,
                busySeconds);
    }

    private static double net(long idle0, long idle1, long busy1, double share) {
        return (busy1 - idle1) - (idle1 - idle0) * share;
    }

    /**
     * What one change cost at one size: counters (Redis, statements, rows), statements by text,
     * transactions, the writer's CPU (ms), CPU per simulated node (µs), deliveries to the simulated
     * nodes, rings for a catch-up, carried applies; the idle rates (per second) and the busy
     * window's length (s).
     */
    record PerChange(
            CostCounters.CostCounts counts,
            Map<String, Double> byStatement,
            double transactions,
            double writerCpuMs,
            double simCpuMicrosPerNode,
            double delivered,
            double rang,
            double carried,
            CostCounters.CostCounts idlePerSecond,
            double simIdleCpuMsPerSecond,
            double busySeconds) {}
}
