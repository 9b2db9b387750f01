package io.toolcatalog.node.api;

import io.toolcatalog.node.api.PostgresFailoverIT.Writers.FailoverOutcome;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Predicate;

/** What the writers of {@link PostgresFailoverIT} saw around the kill and the promotion, in figures. */
record FailoverFigures(List<FailoverOutcome> outcomes, long killedAt, long promoteFrom, long promotedAt) {

    /** The longest any node took, from the promotion, to answer 201 to a write begun after it. */
    Duration slowestNodeBackAfterPromotion() {
        long slowest = outcomes.stream()
                .mapToInt(FailoverOutcome::node)
                .distinct()
                .mapToLong(
                        node -> firstAnswered(o -> o.node() == node && o.startedAt() >= promotedAt && o.status() == 201)
                                        .orElse(Long.MAX_VALUE / 2)
                                - promotedAt)
                .max()
                .orElseThrow();
        return Duration.ofNanos(slowest);
    }

    void print() {
        List<FailoverOutcome> before = select(o -> o.answeredAt() < killedAt && o.status() == 201);
        List<FailoverOutcome> refused = select(o -> o.status() == 503);
        List<FailoverOutcome> justAfter =
                select(o -> o.startedAt() >= promotedAt && o.startedAt() < promotedAt + 1_000_000_000L);
        System.out.printf(
                "failover: writes before the kill: %d, latency p50 %s ms, max %s ms%n",
                before.size(), ms(percentile(before, 0.5)), ms(percentile(before, 1.0)));
        System.out.printf(
                "failover: 503 answers: %d (%d nothing written), first %s ms after the kill, last %s ms after it;"
                        + " promote took %s ms%n",
                refused.size(),
                refused.stream().filter(FailoverOutcome::nothingWritten).count(),
                ms(firstAnswered(o -> o.status() == 503).orElse(killedAt) - killedAt),
                ms(refused.stream().mapToLong(FailoverOutcome::answeredAt).max().orElse(killedAt) - killedAt),
                ms(promotedAt - promoteFrom));
        System.out.printf(
                "failover: promotion -> first 201 answered %s ms; every node answered a write begun after it within %s ms%n",
                ms(firstAnswered(o -> o.status() == 201 && o.answeredAt() >= promotedAt)
                                .orElse(promotedAt)
                        - promotedAt),
                ms(slowestNodeBackAfterPromotion().toNanos()));
        System.out.printf(
                "failover: writes begun in the first second after the promotion: %d (%d answered 201),"
                        + " latency p50 %s ms, max %s ms%n",
                justAfter.size(),
                justAfter.stream().filter(o -> o.status() == 201).count(),
                ms(percentile(justAfter, 0.5)),
                ms(percentile(justAfter, 1.0)));
    }

    private List<FailoverOutcome> select(Predicate<FailoverOutcome> filter) {
        return outcomes.stream().filter(filter).toList();
    }

    private OptionalLong firstAnswered(Predicate<FailoverOutcome> filter) {
        return outcomes.stream()
                .filter(filter)
                .mapToLong(FailoverOutcome::answeredAt)
                .min();
    }

    private static long percentile(List<FailoverOutcome> outcomes, double q) {
        List<Long> latencies = outcomes.stream()
                .map(o -> o.answeredAt() - o.startedAt())
                .sorted(Comparator.naturalOrder())
                .toList();
        if (latencies.isEmpty()) {
            return 0;
        }
        int index = Math.max(0, (int) Math.ceil(q * latencies.size()) - 1);
        return latencies.get(index);
    }

    private static String ms(long nanos) {
        return String.format("%.0f", nanos / 1e6);
    }
}
