package io.toolcatalog.bench.cluster;

import io.toolcatalog.bench.cluster.NodeClient.ReloadRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Commit → last node applied, per revision: the revision's {@code committed_at} (from the change
 * log, stamped inside the committing transaction, so the commit itself is counted) to the latest,
 * over the nodes, of the first successful reload on that node that took it in
 * ({@code from_revision < R <= revision}).
 */
public final class Convergence {

    private Convergence() {}

    /** The distribution in microseconds, and how many revisions some node never showed applying. */
    public record Result(Histogram micros, int revisions, int unmatched) {}

    public static Result of(Map<Long, Instant> commits, Map<String, List<ReloadRecord>> eventsByNode) {
        Histogram micros = new Histogram(Duration.ofMinutes(5).toNanos() / 1000, 3);
        int unmatched = 0;
        for (Map.Entry<Long, Instant> commit : commits.entrySet()) {
            long revision = commit.getKey();
            Instant last = null;
            for (Collection<ReloadRecord> events : eventsByNode.values()) {
                Instant applied = firstApplying(events, revision);
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
        return new Result(micros, commits.size(), unmatched);
    }

    private static Instant firstApplying(Collection<ReloadRecord> events, long revision) {
        Instant first = null;
        for (ReloadRecord e : events) {
            if (e.success() && e.fromRevision() < revision && revision <= e.revision()) {
                first = first == null || e.timestamp().isBefore(first) ? e.timestamp() : first;
            }
        }
        return first;
    }
}
