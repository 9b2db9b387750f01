package io.toolcatalog.bench.propagation;

import io.toolcatalog.bench.BenchSettings;
import io.toolcatalog.bench.cluster.Cluster;
import io.toolcatalog.bench.cluster.NodeClient;
import io.toolcatalog.bench.report.Report;
import io.toolcatalog.bench.report.Row;
import io.toolcatalog.testsupport.PrivateRedis;
import java.time.Duration;
import java.util.List;

/**
 * Redis goes away and comes back: the time from Redis answering again to every node having applied
 * what was written meanwhile and receiving doorbells again. Runs its own redis-server on a free
 * port: the machine's Redis is never stopped.
 */
final class RedisOutageBenchmark {

    /** A doorbell arrives in milliseconds; the 1 s poll would take up to a second. */
    private static final Duration DOORBELL = Duration.ofMillis(150);

    private final BenchSettings settings;
    private final Report report;
    private final String token;

    RedisOutageBenchmark(BenchSettings settings, Report report, String token) {
        this.settings = settings;
        this.report = report;
        this.token = token;
    }

    void run(String dbUrl) {
        PrivateRedis redis = PrivateRedis.server();
        String name = Cluster.newName();
        try (Cluster cluster = Cluster.start(settings.jar(), 3, dbUrl, redis.url(), name, token, settings.logs())) {
            List<NodeClient> nodes = cluster.nodes();
            if (!deliversDoorbells(cluster)) {
                report.note("Redis outage: doorbells were not delivered even before the outage");
            }
            redis.kill();
            Cluster.pause(3000); // long enough for every client to see the connection gone
            long during = 0;
            for (int i = 0; i < 3; i++) {
                during = nodes.get(i).updateDescription(ClusterBenchmarks.toolName(i), "during outage");
            }
            redis.start();
            long back = System.nanoTime();
            boolean converged = cluster.awaitApplied(during, Duration.ofSeconds(30));
            double convergedMs = (System.nanoTime() - back) / 1e6;
            // resubscribed: two probes in a row, from two origins, each seen everywhere within DOORBELL
            int streak = 0;
            double resubscribedMs = Double.NaN;
            for (int i = 0; System.nanoTime() - back < Duration.ofSeconds(30).toNanos(); i++) {
                streak = probe(cluster, i % nodes.size()) >= 0 ? streak + 1 : 0;
                if (streak == 2) {
                    resubscribedMs = (System.nanoTime() - back) / 1e6;
                    break;
                }
            }
            double total = Math.max(convergedMs, resubscribedMs);
            report.add(Row.of(
                            "Redis outage: 3 nodes, 3 s outage, 3 mutations during it",
                            "Redis back → all nodes converged and resubscribed",
                            total,
                            "ms")
                    .target("≤ 1 s", converged && total <= 1000)
                    .note("converged (outage writes applied everywhere) after " + ClusterBenchmarks.fmt(convergedMs)
                            + " ms; doorbells delivered to every node again after "
                            + ClusterBenchmarks.fmt(resubscribedMs)
                            + " ms (two consecutive probes from different nodes each applied everywhere within "
                            + DOORBELL.toMillis() + " ms, faster than the 1 s poll)"));
        } finally {
            redis.close();
        }
    }

    /**
     * Whether doorbells reach every node before the outage: a few probes, since the first ones meet
     * nodes whose code is not compiled yet and may miss {@link #DOORBELL} for that alone.
     */
    private static boolean deliversDoorbells(Cluster cluster) {
        for (int i = 0; i < 5; i++) {
            if (probe(cluster, i % cluster.nodes().size()) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Mutates on one node; the ms until every node applied it, or -1 past {@link #DOORBELL}. */
    private static double probe(Cluster cluster, int origin) {
        long start = System.nanoTime();
        long revision = cluster.nodes().get(origin).updateDescription(ClusterBenchmarks.toolName(50), "probe " + start);
        return cluster.awaitApplied(revision, DOORBELL) ? (System.nanoTime() - start) / 1e6 : -1;
    }
}
