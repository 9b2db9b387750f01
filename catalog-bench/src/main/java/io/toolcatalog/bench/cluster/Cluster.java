package io.toolcatalog.bench.cluster;

import io.toolcatalog.testsupport.NodeProcess;
import io.toolcatalog.testsupport.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Catalog nodes started as real processes from {@code catalog-node.jar}, sharing one PostgreSQL
 * database and one Redis key prefix (the cluster name).
 */
public final class Cluster implements AutoCloseable {

    /** Same flags for every JVM the benchmarks start (nodes and the wrk baseline). */
    public static final List<String> JVM_FLAGS = List.of("-Xms256m", "-Xmx512m", "-XX:+UseG1GC");

    private final List<NodeProcess> processes = new ArrayList<>();
    private final List<NodeClient> clients = new ArrayList<>();
    private final String name;
    private final Path jar;
    private final String jdbcUrl;
    private final String redisUrl;
    private final String token;
    private final Path logDir;
    private final List<String> jvmFlags;
    private final Map<String, String> settings;

    private Cluster(
            String name,
            Path jar,
            String jdbcUrl,
            String redisUrl,
            String token,
            Path logDir,
            List<String> jvmFlags,
            Map<String, String> settings) {
        this.name = name;
        this.jar = jar;
        this.jdbcUrl = jdbcUrl;
        this.redisUrl = redisUrl;
        this.token = token;
        this.logDir = logDir;
        this.jvmFlags = jvmFlags;
        this.settings = settings;
    }

    /** Starts {@code size} nodes, each once the one before is ready. */
    public static Cluster start(
            Path jar, int size, String jdbcUrl, String redisUrl, String clusterName, String token, Path logDir) {
        return start(jar, size, jdbcUrl, redisUrl, clusterName, token, logDir, JVM_FLAGS, Map.of());
    }

    /**
     * As {@link #start(Path, int, String, String, String, String, Path)}, with these JVM flags, every
     * node also given {@code settings} (environment variables, e.g. {@code CATALOG_CLUSTER_MAX_CARRIED_BYTES}).
     */
    public static Cluster start(
            Path jar,
            int size,
            String jdbcUrl,
            String redisUrl,
            String clusterName,
            String token,
            Path logDir,
            List<String> jvmFlags,
            Map<String, String> settings) {
        Cluster cluster = new Cluster(clusterName, jar, jdbcUrl, redisUrl, token, logDir, jvmFlags, settings);
        try {
            cluster.grow(size);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** Starts {@code more} nodes in this cluster, one at a time, each once ready. */
    public void grow(int more) {
        for (int k = 0; k < more; k++) {
            int i = processes.size() + 1;
            int port = Ports.free();
            String id = name + "-n" + i;
            Map<String, String> env = new HashMap<>(settings);
            env.putAll(Map.of(
                    "SERVER_PORT", String.valueOf(port),
                    "SPRING_DATASOURCE_URL", jdbcUrl,
                    "SPRING_DATASOURCE_USERNAME", "postgres",
                    "SPRING_DATA_REDIS_URL", redisUrl,
                    "CATALOG_NODE_ID", id,
                    "CATALOG_CLUSTER_NAME", name,
                    // members sign their messages, as a production cluster should: peers apply carried rows
                    "CATALOG_CLUSTER_MESSAGEKEY", "bench-" + name,
                    "CATALOG_ADMIN_TOKEN", token));
            NodeProcess process = NodeProcess.start(
                    id,
                    NodeProcess.java(jvmFlags, List.of("-jar", jar.toString())),
                    env,
                    port,
                    logDir.resolve(id + ".log"));
            processes.add(process);
            clients.add(new NodeClient(port, id, token));
            // one at a time: JVMs starting at once on two shared cores starve each other
            process.awaitHttp("/actuator/health/readiness", Duration.ofSeconds(180));
        }
    }

    public static String newName() {
        return "bench-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public List<NodeProcess> processes() {
        return processes;
    }

    public List<NodeClient> nodes() {
        return clients;
    }

    public String name() {
        return name;
    }

    /** Waits until every node has applied {@code revision}; returns false on timeout. */
    public boolean awaitApplied(long revision, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (clients.stream().allMatch(c -> c.appliedRevision() >= revision)) {
                return true;
            }
            pause(2);
        }
        return false;
    }

    @Override
    public void close() {
        processes.parallelStream().forEach(NodeProcess::close);
    }

    /** The harness's own waits (main code, not a test: a plain sleep). */
    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
