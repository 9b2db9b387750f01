package io.toolcatalog.bench.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Catalog nodes started as real processes from {@code catalog-node.jar}, sharing one PostgreSQL
 * database and one Redis key prefix (the cluster name).
 */
public final class Cluster implements AutoCloseable {

    private final List<NodeProcess> processes;
    private final List<NodeClient> clients;
    private final String name;

    private Cluster(String name, List<NodeProcess> processes, List<NodeClient> clients) {
        this.name = name;
        this.processes = processes;
        this.clients = clients;
    }

    /** Starts {@code size} nodes, each once the one before is ready. */
    public static Cluster start(
            Path jar, int size, String jdbcUrl, String redisUrl, String clusterName, String token, Path logDir) {
        return start(jar, size, jdbcUrl, redisUrl, clusterName, token, logDir, NodeProcess.JVM_FLAGS);
    }

    /** As {@link #start(Path, int, String, String, String, String, Path)}, with these JVM flags. */
    public static Cluster start(
            Path jar,
            int size,
            String jdbcUrl,
            String redisUrl,
            String clusterName,
            String token,
            Path logDir,
            List<String> jvmFlags) {
        List<NodeProcess> processes = new ArrayList<>();
        List<NodeClient> clients = new ArrayList<>();
        Cluster cluster = new Cluster(clusterName, processes, clients);
        try {
            for (int i = 1; i <= size; i++) {
                int port = freePort();
                String id = clusterName + "-n" + i;
                Map<String, String> env = Map.of(
                        "SERVER_PORT", String.valueOf(port),
                        "SPRING_DATASOURCE_URL", jdbcUrl,
                        "SPRING_DATASOURCE_USERNAME", "postgres",
                        "SPRING_DATA_REDIS_URL", redisUrl,
                        "CATALOG_NODE_ID", id,
                        "CATALOG_CLUSTER_NAME", clusterName,
                        "CATALOG_ADMIN_TOKEN", token);
                processes.add(NodeProcess.start(
                        id,
                        NodeProcess.java(jvmFlags, List.of("-jar", jar.toString())),
                        env,
                        port,
                        logDir.resolve(id + ".log")));
                clients.add(new NodeClient(port, id, token));
                // one at a time: three JVMs starting at once on two shared cores starve each other
                processes.get(i - 1).awaitHttp("/actuator/health/readiness", Duration.ofSeconds(180));
            }
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
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
            NodeProcess.pause(2);
        }
        return false;
    }

    @Override
    public void close() {
        processes.parallelStream().forEach(NodeProcess::close);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
