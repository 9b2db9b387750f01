package io.toolcatalog.bench.propagation;

import io.lettuce.core.api.StatefulRedisConnection;
import io.toolcatalog.bench.BenchSettings;
import io.toolcatalog.bench.cluster.Cluster;
import io.toolcatalog.bench.cluster.ClusterDatabase;
import io.toolcatalog.testsupport.NodeProcess;
import io.toolcatalog.testsupport.PrivatePostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The counting half of {@link CostBenchmarks}: readings of the benchmark's own PostgreSQL ({@code
 * pg_stat_statements}) and Redis ({@code INFO commandstats}, {@code INFO stats}), the nodes' CPU and
 * the bytes named watchers receive, and the differences between two readings.
 */
final class CostCounters {

    private CostCounters() {}

    /** Counters of one window, or a rate. */
    record CostCounts(
            double statements,
            double statementsNoTxControl,
            double rows,
            double redisCommands,
            Map<String, Double> redisByCommand,
            double redisIn,
            double redisOut,
            double watcherBytes) {

        CostCounts minus(CostCounts o, double times) {
            Map<String, Double> by = new TreeMap<>(redisByCommand);
            o.redisByCommand.forEach((k, v) -> by.merge(k, -v * times, Double::sum));
            return new CostCounts(
                    statements - o.statements * times,
                    statementsNoTxControl - o.statementsNoTxControl * times,
                    rows - o.rows * times,
                    redisCommands - o.redisCommands * times,
                    by,
                    redisIn - o.redisIn * times,
                    redisOut - o.redisOut * times,
                    watcherBytes - o.watcherBytes * times);
        }

        CostCounts over(double d) {
            Map<String, Double> by = new TreeMap<>();
            redisByCommand.forEach((k, v) -> by.put(k, v / d));
            return new CostCounts(
                    statements / d,
                    statementsNoTxControl / d,
                    rows / d,
                    redisCommands / d,
                    by,
                    redisIn / d,
                    redisOut / d,
                    watcherBytes / d);
        }
    }

    /** A reading of every counter at one moment. */
    record Reading(
            Map<String, long[]> statements, // query text → {calls, rows}
            Map<String, Long> commands,
            long redisIn,
            long redisOut,
            long watcherBytes,
            long nanos) {}

    /** Connections the two nodes hold: PostgreSQL backends of their database, Redis clients less the harness's two. */
    static String connections(
            PrivatePostgres postgres, String database, StatefulRedisConnection<String, String> redis) {
        long backends = 0;
        try (Connection c = DriverManager.getConnection(postgres.baseUrl(), "postgres", "");
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = '" + database + "'")) {
            rs.next();
            backends = rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("pg_stat_activity", e);
        }
        long clients = statLine(redis.sync().info("clients"), "connected_clients") - 2;
        return "connections held by the 2 nodes at idle: PostgreSQL " + backends + ", Redis " + clients;
    }

    /** A PostgreSQL of the benchmark's own, counting every statement ({@code pg_stat_statements}). */
    static PrivatePostgres countingPostgres(int maxConnections) {
        PrivatePostgres postgres = PrivatePostgres.start(Map.of(
                "shared_preload_libraries", "pg_stat_statements",
                "pg_stat_statements.track", "all",
                "pg_stat_statements.max", "5000",
                "max_connections", String.valueOf(maxConnections)));
        try {
            ClusterDatabase.sql(postgres.baseUrl(), "CREATE EXTENSION pg_stat_statements");
            return postgres;
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    /**
     * {@code size} node processes on the benchmark's own servers, each given {@code env} and a pool
     * that opens 2 connections at start ({@code minimum-idle}), as the counted runs measure them.
     */
    static Cluster startNodes(
            BenchSettings settings, int size, String dbUrl, String redisUrl, String token, Map<String, String> env) {
        Map<String, String> nodeEnv = new HashMap<>(env);
        nodeEnv.put("SPRING_DATASOURCE_HIKARI_MINIMUM_IDLE", "2");
        return Cluster.start(
                settings.jar(),
                size,
                dbUrl,
                redisUrl,
                Cluster.newName(),
                token,
                settings.logs(),
                Cluster.JVM_FLAGS,
                nodeEnv);
    }

    static long[] cpu(Cluster cluster) {
        long[] out = new long[2];
        for (int i = 0; i < 2; i++) {
            NodeProcess p = cluster.processes().get(i);
            out[i] = p.cpuTime().map(Duration::toNanos).orElse(0L);
        }
        return out;
    }

    static CostCounts diff(Reading a, Reading b) {
        double statements = 0;
        double plain = 0;
        double rows = 0;
        for (var e : b.statements.entrySet()) {
            long[] before = a.statements.getOrDefault(e.getKey(), new long[2]);
            long calls = e.getValue()[0] - before[0];
            statements += calls;
            if (!txControl(e.getKey())) {
                plain += calls;
            }
            rows += e.getValue()[1] - before[1];
        }
        Map<String, Double> by = new TreeMap<>();
        double total = 0;
        for (var e : b.commands.entrySet()) {
            if (e.getKey().equals("info")) {
                continue; // the harness's own readings
            }
            long d = e.getValue() - a.commands.getOrDefault(e.getKey(), 0L);
            if (d != 0) {
                by.put(e.getKey(), (double) d);
                total += d;
            }
        }
        return new CostCounts(
                statements,
                plain,
                rows,
                total,
                by,
                b.redisIn - a.redisIn,
                b.redisOut - a.redisOut,
                b.watcherBytes - a.watcherBytes);
    }

    private static boolean txControl(String query) {
        String q = query.trim().toUpperCase(Locale.ROOT);
        return q.startsWith("BEGIN")
                || q.startsWith("COMMIT")
                || q.startsWith("ROLLBACK")
                || q.startsWith("SET ")
                || q.startsWith("SHOW ")
                || q.startsWith("SAVEPOINT")
                || q.startsWith("RELEASE")
                || q.startsWith("START TRANSACTION");
    }

    static String shorten(String q) {
        String one = q.replaceAll("\\s+", " ").trim();
        return one.length() > 70 ? one.substring(0, 70) + "…" : one;
    }

    static Reading read(
            PrivatePostgres postgres, StatefulRedisConnection<String, String> redis, List<CountingWatcher> w) {
        Map<String, long[]> statements = new HashMap<>();
        try (Connection c = DriverManager.getConnection(postgres.baseUrl(), "postgres", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT query, sum(calls)::bigint, sum(rows)::bigint"
                        + " FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid"
                        + " WHERE d.datname LIKE 'cost\\_%' GROUP BY query")) {
            while (rs.next()) {
                statements.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
            }
        } catch (SQLException e) {
            throw new IllegalStateException("pg_stat_statements", e);
        }
        Map<String, Long> commands = new TreeMap<>();
        for (String line : redis.sync().info("commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_")) {
                String name = line.substring("cmdstat_".length(), line.indexOf(':'));
                String calls = line.substring(line.indexOf("calls=") + 6, line.indexOf(',', line.indexOf("calls=")));
                commands.put(name, Long.parseLong(calls));
            }
        }
        String stats = redis.sync().info("stats");
        return new Reading(
                statements,
                commands,
                statLine(stats, "total_net_input_bytes"),
                statLine(stats, "total_net_output_bytes"),
                w.stream().mapToLong(CountingWatcher::bytes).sum(),
                System.nanoTime());
    }

    private static long statLine(String info, String name) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(name + ":")) {
                return Long.parseLong(line.substring(name.length() + 1).trim());
            }
        }
        throw new IllegalStateException(name + " not in INFO stats");
    }

    /** One watch stream held open on a plain socket, counting the bytes it receives. */
    static final class CountingWatcher implements AutoCloseable {

        private final Socket socket;
        private final AtomicLong bytes = new AtomicLong();
        private final Thread reader;

        CountingWatcher(int port, String consumer, long since) {
            try {
                socket = new Socket("127.0.0.1", port);
                OutputStream out = socket.getOutputStream();
                out.write(("GET /api/v1/watch?since=" + since + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                + "Accept: text/event-stream\r\nX-Catalog-Consumer: " + consumer + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                throw new IllegalStateException("watch stream", e);
            }
            reader = new Thread(this::drain, "bench-cost-watcher");
            reader.setDaemon(true);
            reader.start();
        }

        private void drain() {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = socket.getInputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    bytes.addAndGet(n);
                }
            } catch (IOException e) {
                // closed
            }
        }

        long bytes() {
            return bytes.get();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
