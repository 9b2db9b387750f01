package io.toolcatalog.bench.cluster;

import io.toolcatalog.bench.BenchSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Node processes over a database and a Redis key prefix of their own, seeded with the tools
 * {@code bench-tool-0} … and applied on every node: what a process benchmark runs against.
 * Closing it stops the nodes, deletes the Redis keys and drops the database.
 */
public final class SeededCluster implements AutoCloseable {

    private final BenchSettings settings;
    private final String database;
    private final String name;
    private final Consumer<String> notes;
    private Cluster cluster;

    private SeededCluster(BenchSettings settings, String database, Consumer<String> notes) {
        this.settings = settings;
        this.database = database;
        this.name = Cluster.newName();
        this.notes = notes;
    }

    /**
     * {@code size} nodes with these JVM flags and environment over a fresh {@code database}, seeded
     * with {@code tools} tools; {@code notes} hears what could not be cleaned up.
     */
    public static SeededCluster start(
            BenchSettings settings,
            String database,
            int size,
            int tools,
            String token,
            List<String> jvmFlags,
            Map<String, String> env,
            Consumer<String> notes) {
        ClusterDatabase.sql(settings.jdbcUrl(), "DROP DATABASE IF EXISTS " + database);
        ClusterDatabase.sql(settings.jdbcUrl(), "CREATE DATABASE " + database);
        SeededCluster seeded = new SeededCluster(settings, database, notes);
        try {
            seeded.cluster = Cluster.start(
                    settings.jar(),
                    size,
                    settings.jdbcUrlOf(database),
                    settings.redisUrl(),
                    seeded.name,
                    token,
                    settings.logs(),
                    jvmFlags,
                    env);
            long revision = seeded.cluster
                    .nodes()
                    .get(0)
                    .importTools(NodeClient.importBody(IntStream.range(0, tools)
                            .mapToObj(i -> "bench-tool-" + i)
                            .toList()));
            seeded.cluster.awaitApplied(revision, Duration.ofSeconds(10));
            return seeded;
        } catch (RuntimeException e) {
            seeded.close();
            throw e;
        }
    }

    public Cluster cluster() {
        return cluster;
    }

    @Override
    public void close() {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            try {
                RedisBaseline.deleteKeys(settings.redisUrl(), name);
            } catch (RuntimeException e) {
                notes.accept("could not delete the Redis keys " + name + "*: " + e.getMessage());
            }
            ClusterDatabase.sql(settings.jdbcUrl(), "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }
}
