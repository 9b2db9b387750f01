package io.toolcatalog.bench.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Commit → last node applied, per revision: the revision's {@code committed_at} (from the change
 * log, stamped inside the committing transaction, so the commit itself is counted) to the latest,
 * over the nodes, of the time the revision was first seen applied on that node.
 */
public final class Convergence {

    private Convergence() {}

    /** The distribution in microseconds, and how many revisions some node was never seen applying. */
    public record ConvergenceResult(Histogram micros, int revisions, int unmatched) {}

    public static ConvergenceResult of(Map<Long, Instant> commits, Map<String, Map<Long, Instant>> firstSeenByNode) {
        Histogram micros = new Histogram(Duration.ofMinutes(5).toNanos() / 1000, 3);
        int unmatched = 0;
        for (Map.Entry<Long, Instant> commit : commits.entrySet()) {
            Instant last = null;
            for (Map<Long, Instant> seen : firstSeenByNode.values()) {
                Instant applied = seen.get(commit.getKey());
                if (applied == null) {
                    last = null;
                    break;
                }
                last = last == null || applied.isAfter(last) ? applied : last;
            }
            if (last == null) {
                unmatched++;
                continue;
            }
            long us = Math.max(0, Duration.between(commit.getValue(), last).toNanos() / 1000);
            micros.recordValue(Math.min(us, micros.getHighestTrackableValue()));
        }
        return new ConvergenceResult(micros, commits.size(), unmatched);
    }
}
