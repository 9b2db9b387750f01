package io.toolcatalog.bench.propagation;

import io.toolcatalog.bench.cluster.Cluster;
import io.toolcatalog.bench.cluster.ClusterDatabase;
import io.toolcatalog.bench.cluster.Convergence;
import io.toolcatalog.bench.cluster.NodeClient;
import io.toolcatalog.bench.report.Report;
import io.toolcatalog.bench.report.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * A rollout's moves propagate like any change: commit of a move (here pause and resume, each a
 * revision) → the last of the nodes serving it, against the plain changes' convergence measured
 * in the same run. A move carries no rows, so every node reads it from PostgreSQL.
 */
final class RolloutMovesBenchmark {

    private final Report report;
    private final int moves;

    RolloutMovesBenchmark(Report report, int moves) {
        this.report = report;
        this.moves = moves;
    }

    Void run(Cluster cluster, String dbUrl, Histogram plain) {
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
        long last = from;
        for (int i = 0; i < moves; i++) {
            String move = i % 2 == 0 ? "pause" : "resume";
            cluster.nodes()
                    .get(i % cluster.nodes().size())
                    .call("POST", "/api/v1/rollouts/" + rollout + "/" + move, "{}", 200);
            last = ClusterDatabase.currentRevision(dbUrl);
            ClusterBenchmarks.pause(10);
            if (i % 25 == 24 || i == moves - 1) {
                cluster.awaitApplied(last, Duration.ofSeconds(10));
                cluster.nodes().forEach(n -> n.foldHistory(seen.get(n.nodeId())));
            }
        }
        first.call("POST", "/api/v1/rollouts/" + rollout + "/abort", "{\"reason\": \"bench done\"}", 200);
        Convergence.Result result = Convergence.of(ClusterDatabase.commits(dbUrl, from, last), seen);
        Histogram h = result.micros();
        report.distribution("rollout moves (3 nodes, " + h.getTotalCount() + " moves)", h);
        String bench = "rollout moves: 3 nodes, " + moves + " pauses and resumes over the nodes";
        for (double p : new double[] {50, 99}) {
            Row row = Row.of(
                            bench,
                            "p" + (int) p + " commit → last node serving the move",
                            ClusterBenchmarks.ms(h, p),
                            "ms")
                    .note(p == 50 ? "a move carries no rows: every node reads it from PostgreSQL" : "");
            if (plain != null) {
                row = row.against(
                        "plain change convergence p" + (int) p + ", same run", ClusterBenchmarks.ms(plain, p));
            }
            report.add(row);
        }
        return null;
    }
}
