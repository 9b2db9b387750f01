package io.toolcatalog.bench.propagation;

import static io.toolcatalog.bench.propagation.ClusterBenchmarks.fmt;
import static io.toolcatalog.bench.propagation.ClusterBenchmarks.toolName;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.toolcatalog.bench.BenchSettings;
import io.toolcatalog.bench.cluster.Cluster;
import io.toolcatalog.bench.cluster.ClusterDatabase;
import io.toolcatalog.bench.cluster.NodeClient;
import io.toolcatalog.bench.report.Report;
import io.toolcatalog.bench.report.Row;
import io.toolcatalog.testsupport.PrivatePostgres;
import io.toolcatalog.testsupport.PrivateRedis;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cost model's terms, counted exactly on servers of the benchmark's own: a PostgreSQL started
 * with {@code pg_stat_statements} (statements and rows by statement) and a {@code redis-server}
 * (commands by name from {@code INFO commandstats}, bytes from {@code INFO stats}), so nothing but
 * the measured nodes is counted. Two node processes (signed messages, as {@link Cluster} starts
 * them), twenty named watchers (ten per node, {@code X-Catalog-Consumer}) and one plain subscriber
 * on the change channel that records every message's size. Per phase: an idle window (what a node
 * costs per second doing nothing), then sequential single-tool updates through node 1, each applied
 * on both nodes before the next (what one change costs, net of the idle rate over the window).
 * Phase "carried": the default, messages carry the rows. Phase "doorbell": both nodes with {@code
 * max-carried-bytes=0}, so every message is a doorbell and the peer catches up from PostgreSQL.
 */
public final class CostBenchmarks {

    private static final Logger log = LoggerFactory.getLogger(CostBenchmarks.class);
    private static final int WATCHERS_PER_NODE = 10;
    private static final String BENCH = "cost per change, 2 nodes, 20 named watchers";

    private final BenchSettings settings;
    private final Report report;
    private final String token = "bench-" + UUID.randomUUID();

    public CostBenchmarks(BenchSettings settings, Report report) {
        this.settings = settings;
        this.report = report;
    }

    public void run() {
        PrivatePostgres postgres = CostCounters.countingPostgres(200);
        PrivateRedis redis = null;
        try {
            redis = PrivateRedis.server();
            int mutations = settings.quick() ? 20 : 200;
            long idleMillis = settings.quick() ? 3_000 : 20_000;
            Phase carried = phase("carried", postgres, redis, Map.of(), mutations, idleMillis);
            Phase doorbell = phase(
                    "doorbell",
                    postgres,
                    redis,
                    Map.of("CATALOG_CLUSTER_MAX_CARRIED_BYTES", "0"),
                    mutations,
                    idleMillis);
            addRows(carried, doorbell);
        } finally {
            if (redis != null) {
                redis.close();
            }
            postgres.close();
        }
    }

    /** What one phase counted: per second idle (whole cluster) and per change (net of idle). */
    private record Phase(
            String name,
            CostCounters.CostCounts idlePerSecond,
            CostCounters.CostCounts perChange,
            List<Integer> messageBytes,
            List<Integer> unsignedBytes,
            double idleCpuMsPerSecond,
            Map<String, Double> statementsPerChange,
            String connections) {}

    private Phase phase(
            String name,
            PrivatePostgres postgres,
            PrivateRedis redis,
            Map<String, String> env,
            int mutations,
            long idleMillis) {
        String database = "cost_" + name;
        ClusterDatabase.sql(postgres.baseUrl(), "CREATE DATABASE " + database);
        String dbUrl = "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/" + database;
        log.info("{}: phase {}: starting 2 nodes", BENCH, name);
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        RedisClient client = RedisClient.create(redis.url());
        List<CostCounters.CountingWatcher> watchers = new ArrayList<>();
        try (Cluster cluster = CostCounters.startNodes(settings, 2, dbUrl, redis.url(), token, env);
                StatefulRedisPubSubConnection<byte[], byte[]> sub = client.connectPubSub(ByteArrayCodec.INSTANCE);
                StatefulRedisConnection<String, String> info = client.connect()) {
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(byte[] channel, byte[] message) {
                    sizes.add(message.length);
                }
            });
            sub.sync().subscribe((cluster.name() + ":catalog-changed").getBytes(StandardCharsets.UTF_8));
            NodeClient writer = cluster.nodes().get(0);
            long seeded = writer.importTools(NodeClient.importBody(IntStream.range(0, ClusterBenchmarks.TOOLS)
                    .mapToObj(ClusterBenchmarks::toolName)
                    .toList()));
            await(cluster, seeded);
            for (int n = 0; n < 2; n++) {
                for (int i = 0; i < WATCHERS_PER_NODE; i++) {
                    watchers.add(new CostCounters.CountingWatcher(
                            cluster.processes().get(n).port(), "cost-" + name + "-" + n + "-" + i, seeded));
                }
            }
            for (int i = 0; i < mutations / 4; i++) { // warm-up: JIT, pools, the watchers' first events
                await(cluster, writer.updateDescription(toolName(i % ClusterBenchmarks.TOOLS), "warm " + i));
            }
            Cluster.pause(3_000); // the consumer reports of the warm-up go out

            CostCounters.Reading idle0 = CostCounters.read(postgres, info, watchers);
            long idleCpu0 = CostCounters.cpu(cluster)[0] + CostCounters.cpu(cluster)[1];
            Cluster.pause(idleMillis);
            CostCounters.Reading idle1 = CostCounters.read(postgres, info, watchers);
            double idleSeconds = (idle1.nanos() - idle0.nanos()) / 1e9;
            CostCounters.CostCounts idle = CostCounters.diff(idle0, idle1).over(idleSeconds);
            // both nodes' CPU, idle (nothing polls them then; while changes are measured the harness polls them)
            double idleCpu = (CostCounters.cpu(cluster)[0] + CostCounters.cpu(cluster)[1] - idleCpu0)
                    / 1e6
                    / idleSeconds; // ms/s
            String connections = CostCounters.connections(postgres, database, info);

            sizes.clear();
            CostCounters.Reading busy0 = CostCounters.read(postgres, info, watchers);
            for (int i = 0; i < mutations; i++) {
                await(cluster, writer.updateDescription(toolName(i % ClusterBenchmarks.TOOLS), name + " " + i));
            }
            Cluster.pause(1_500); // the last change's consumer report
            CostCounters.Reading busy1 = CostCounters.read(postgres, info, watchers);
            double busySeconds = (busy1.nanos() - busy0.nanos()) / 1e9;
            CostCounters.CostCounts perChange =
                    CostCounters.diff(busy0, busy1).minus(idle, busySeconds).over(mutations);
            Map<String, Double> byStatement = new TreeMap<>();
            busy1.statements().forEach((q, v) -> {
                long[] before = busy0.statements().getOrDefault(q, new long[2]);
                long[] idleBefore = idle0.statements().getOrDefault(q, new long[2]);
                long[] idleAfter = idle1.statements().getOrDefault(q, new long[2]);
                double idleRate = (idleAfter[0] - idleBefore[0]) / idleSeconds;
                double per = (v[0] - before[0] - idleRate * busySeconds) / mutations;
                if (per >= 0.05) {
                    byStatement.put(CostCounters.shorten(q), per);
                }
            });
            log.info(
                    "{}: phase {}: idle/s {}; per change {}; messages {} (median bytes {}); statements per change {}",
                    BENCH,
                    name,
                    idle,
                    perChange,
                    sizes.size(),
                    median(sizes),
                    byStatement);
            return new Phase(
                    name,
                    idle,
                    perChange,
                    List.copyOf(sizes),
                    unsignedSizes(sub, cluster.name(), cluster),
                    idleCpu,
                    byStatement,
                    connections);
        } finally {
            watchers.forEach(CostCounters.CountingWatcher::close);
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    /** Waits until both nodes applied {@code revision}. */
    private static void await(Cluster cluster, long revision) {
        if (!cluster.awaitApplied(revision, Duration.ofSeconds(10))) {
            throw new IllegalStateException("revision " + revision + " not applied on both nodes within 10 s");
        }
    }

    /**
     * Sizes of the messages without their signature field: one more update, its message captured,
     * and the length up to {@code ,"signature":"…"} (what the node signs) taken.
     */
    private static List<Integer> unsignedSizes(
            StatefulRedisPubSubConnection<byte[], byte[]> sub, String clusterName, Cluster cluster) {
        List<byte[]> captured = Collections.synchronizedList(new ArrayList<>());
        sub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(byte[] channel, byte[] message) {
                captured.add(message);
            }
        });
        long revision = cluster.nodes().get(0).updateDescription(toolName(1), "unsigned size");
        await(cluster, revision);
        Cluster.pause(200);
        List<Integer> out = new ArrayList<>();
        for (byte[] m : List.copyOf(captured)) {
            String text = new String(m, StandardCharsets.UTF_8);
            int at = text.lastIndexOf(",\"signature\":\"");
            out.add(at < 0 ? m.length : text.substring(0, at).getBytes(StandardCharsets.UTF_8).length + 1);
            log.info("{}: a message as published ({} bytes): {}", BENCH, m.length, text);
        }
        return out;
    }

    private static double median(List<Integer> values) {
        List<Integer> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
    }

    private void addRows(Phase carried, Phase doorbell) {
        for (Phase p : List.of(carried, doorbell)) {
            String bench = BENCH + ", messages " + (p == carried ? "carry the rows" : "are doorbells");
            CostCounters.CostCounts c = p.perChange;
            report.add(Row.of(bench, "change message, 1-tool update, signed", median(p.messageBytes), "bytes")
                    .note(p.messageBytes.size() + " messages captured on the channel; without the signature field "
                            + p.unsignedBytes + " bytes"));
            report.add(Row.of(bench, "PostgreSQL statements per change", c.statements(), "statements")
                    .note("of which not BEGIN/COMMIT/SET/SAVEPOINT: " + fmt(c.statementsNoTxControl()) + "; rows "
                            + fmt(c.rows()) + " per change; by statement: " + p.statementsPerChange));
            report.add(Row.of(bench, "Redis commands per change", c.redisCommands(), "commands")
                    .note("by command: " + rounded(c.redisByCommand()) + "; Redis bytes in " + fmt(c.redisIn())
                            + ", out " + fmt(c.redisOut()) + " (3 subscribers: 2 nodes and the harness)"));
            report.add(Row.of(bench, "bytes to each watcher per change", c.watcherBytes() / 20, "bytes")
                    .note("20 watchers, " + fmt(c.watcherBytes()) + " bytes in all per change"));
            CostCounters.CostCounts i = p.idlePerSecond;
            report.add(Row.of(bench, "idle, 2 nodes: PostgreSQL statements per second", i.statements(), "statements/s")
                    .note("not BEGIN/COMMIT/SET: " + fmt(i.statementsNoTxControl()) + "/s; Redis commands "
                            + fmt(i.redisCommands()) + "/s " + rounded(i.redisByCommand()) + "; Redis bytes in "
                            + fmt(i.redisIn()) + "/s, out " + fmt(i.redisOut()) + "/s; to the 20 watchers "
                            + fmt(i.watcherBytes()) + " bytes/s; CPU " + fmt(p.idleCpuMsPerSecond) + " ms/s; "
                            + p.connections));
        }
    }

    private static Map<String, String> rounded(Map<String, Double> by) {
        return by.entrySet().stream()
                .filter(e -> Math.abs(e.getValue()) >= 0.005)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> fmt(e.getValue()), (a, b) -> a, TreeMap::new));
    }
}
