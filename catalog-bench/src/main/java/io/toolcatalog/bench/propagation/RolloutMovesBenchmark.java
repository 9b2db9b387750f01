package io.toolcatalog.bench.propagation;

import io.toolcatalog.bench.cluster.Cluster;
import io.toolcatalog.bench.cluster.ClusterDatabase;
import io.toolcatalog.bench.cluster.Convergence;
import io.toolcatalog.bench.cluster.NodeClient;
import io.toolcatalog.bench.report.Report;
import io.toolcatalog.bench.report.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * A rollout's moves propagate like any change: commit of a move (here pause and resume, each a
 * revision) → the last of the nodes serving it, against plain changes (a tool's description) made
 * in the same loop, one after each move through another node, so both meet the same machine. As
 * many moves as are measured go first, unmeasured: the plain changes' code is warm from the runs
 * before, and a move's own (its rollouts in the message) must be too.
 */
final class RolloutMovesBenchmark {

    private final Report report;
    private final int moves;

    RolloutMovesBenchmark(Report report, int moves) {
        this.report = report;
        this.moves = moves;
    }

    Void run(Cluster cluster, String dbUrl) {
        NodeClient first = cluster.nodes().get(0);
        long request = first.call("POST", "/api/v1/change-requests", "{\"title\": \"bench rollout\"}", 201)
                .body()
                .path("id")
                .asLong();
        first.call(
                "PUT",
                "/api/v1/change-requests/" + request + "/items/" + ClusterBenchmarks.toolName(3),
                "{\"action\": \"upsert\", \"tool\": {\"description\": \"candidate\"}}",
                200,
                201);
        long rollout = first.call(
                        "POST",
                        "/api/v1/change-requests/" + request + "/rollout",
                        "{\"steps\": [{\"percent\": 10}, {\"percent\": 50}], \"auto_advance\": false}",
                        201)
                .body()
                .path("id")
                .asLong();
        long from = ClusterDatabase.currentRevision(dbUrl);
        Map<String, Map<Long, Instant>> seen = new TreeMap<>();
        cluster.nodes().forEach(n -> seen.put(n.nodeId(), new TreeMap<>()));
        Set<Long> moved = new HashSet<>();
        Set<Long> plain = new HashSet<>();
        int nodes = cluster.nodes().size();
        long last = from;
        for (int i = -moves; i < moves; i++) {
            String move = (i + moves) % 2 == 0 ? "pause" : "resume";
            long revision = cluster.nodes()
                    .get((i + moves) % nodes)
                    .call("POST", "/api/v1/rollouts/" + rollout + "/" + move, "{}", 200)
                    .body()
                    .path("revision")
                    .asLong();
            ClusterBenchmarks.pause(10);
            last = cluster.nodes()
                    .get((i + moves + 1) % nodes)
                    .updateDescription(ClusterBenchmarks.toolName(5), "beside move " + i);
            ClusterBenchmarks.pause(10);
            if (i >= 0) {
                moved.add(revision);
                plain.add(last);
            }
            if ((i + moves) % 25 == 24 || i == moves - 1) {
                cluster.awaitApplied(last, Duration.ofSeconds(10));
                cluster.nodes().forEach(n -> n.foldHistory(seen.get(n.nodeId())));
            }
        }
        first.call("POST", "/api/v1/rollouts/" + rollout + "/abort", "{\"reason\": \"bench done\"}", 200);
        Map<Long, Instant> commits = ClusterDatabase.commits(dbUrl, from, last);
        Histogram h = convergence(commits, moved, seen);
        Histogram beside = convergence(commits, plain, seen);
        report.distribution("rollout moves (3 nodes, " + h.getTotalCount() + " moves)", h);
        String bench = "rollout moves: 3 nodes, " + moves + " pauses and resumes over the nodes";
        for (double p : new double[] {50, 99}) {
            report.add(Row.of(bench, "p" + (int) p + " commit → last node serving the move", ms(h, p), "ms")
                    .against("plain changes between the moves p" + (int) p, ms(beside, p))
                    .note(
                            p == 50
                                    ? "each move, then a plain change through the next node; a move carries the"
                                            + " rollout's tools and the active rollouts"
                                    : ""));
        }
        return null;
    }

    private static Histogram convergence(
            Map<Long, Instant> commits, Set<Long> revisions, Map<String, Map<Long, Instant>> seen) {
        Map<Long, Instant> these = new TreeMap<>(commits);
        these.keySet().retainAll(revisions);
        return Convergence.of(these, seen).micros();
    }

    private static double ms(Histogram h, double percentile) {
        return ClusterBenchmarks.ms(h, percentile);
    }
}
