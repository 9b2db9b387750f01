package io.toolcatalog.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Redis Cluster of a test's own: three masters and three replicas ({@code redis-server
 * --cluster-enabled yes}, each a {@link PrivateRedis} on free ports, files under {@code target/}),
 * joined by {@code redis-cli --cluster create … --cluster-replicas 1}. A node is declared failed
 * after {@code cluster-node-timeout} (1 s here), so a replica is promoted a second or two after its
 * master dies. {@link #close()} kills every server.
 */
public final class PrivateRedisCluster implements AutoCloseable {

    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(1);

    private final List<PrivateRedis> servers = new ArrayList<>();

    private PrivateRedisCluster() {}

    /** Six servers, joined as three masters with a replica each; returns once every slot is served. */
    public static PrivateRedisCluster start() {
        PrivateRedisCluster cluster = new PrivateRedisCluster();
        try {
            for (int i = 0; i < 6; i++) {
                cluster.servers.add(PrivateRedis.server(
                        "cluster-enabled yes",
                        "cluster-config-file nodes.conf",
                        "cluster-port " + Ports.free(),
                        "cluster-node-timeout " + NODE_TIMEOUT.toMillis()));
            }
            cluster.create();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void create() {
        List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        servers.forEach(server -> command.add("127.0.0.1:" + server.port()));
        command.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("redis-cli --cluster create failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> servers.stream().allMatch(s -> isOk(s))
                        && nodes().stream().filter(ClusterNode::isMaster).count() == 3
                        && nodes().stream().filter(n -> !n.isMaster()).count() == 3);
    }

    private static boolean isOk(PrivateRedis server) {
        return String.valueOf(server.commandAll("CLUSTER INFO")).contains("cluster_state:ok");
    }

    /** {@code spring.data.redis.cluster.nodes}: every server, masters and replicas. */
    public String nodesProperty() {
        return servers.stream().map(s -> "127.0.0.1:" + s.port()).collect(Collectors.joining(","));
    }

    public List<PrivateRedis> servers() {
        return List.copyOf(servers);
    }

    /** The slot of {@code key} (its hash tag, if it has one), as the cluster computes it. */
    public int slotOf(String key) {
        String answer = running().command("CLUSTER KEYSLOT " + key);
        if (answer == null || !answer.startsWith(":")) {
            throw new IllegalStateException("CLUSTER KEYSLOT answered " + answer);
        }
        return Integer.parseInt(answer.substring(1));
    }

    /** The server that is master of {@code slot} now, as a live server sees the cluster. */
    public Optional<PrivateRedis> masterOf(int slot) {
        return nodes().stream()
                .filter(n -> n.isMaster() && !n.failed() && n.serves(slot))
                .findFirst()
                .map(n -> server(n.port()));
    }

    /** The replica of {@code master} (by the cluster's view). */
    public PrivateRedis replicaOf(PrivateRedis master) {
        List<ClusterNode> nodes = nodes();
        String masterId = nodes.stream()
                .filter(n -> n.port() == master.port())
                .findFirst()
                .orElseThrow()
                .id();
        return nodes.stream()
                .filter(n -> masterId.equals(n.masterId()))
                .findFirst()
                .map(n -> server(n.port()))
                .orElseThrow(() -> new IllegalStateException("no replica of " + master.port()));
    }

    /** Whether every live server sees the cluster's state as ok (every slot served). */
    public boolean isOk() {
        return servers.stream().filter(PrivateRedis::isRunning).allMatch(PrivateRedisCluster::isOk);
    }

    @Override
    public void close() {
        servers.forEach(PrivateRedis::close);
    }

    private PrivateRedis running() {
        return servers.stream().filter(PrivateRedis::isRunning).findFirst().orElseThrow();
    }

    private PrivateRedis server(int port) {
        return servers.stream().filter(s -> s.port() == port).findFirst().orElseThrow();
    }

    /** {@code CLUSTER NODES} of a live server, one entry a node. */
    private List<ClusterNode> nodes() {
        String answer = running().commandAll("CLUSTER NODES");
        List<ClusterNode> nodes = new ArrayList<>();
        for (String line : String.valueOf(answer).split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length >= 8 && f[1].contains(":")) {
                nodes.add(new ClusterNode(f));
            }
        }
        return nodes;
    }

    /** One line of {@code CLUSTER NODES}: id, address, flags, master id, …, slot ranges. */
    private record ClusterNode(String[] fields) {

        String id() {
            return fields[0];
        }

        int port() {
            String address = fields[1].split("@")[0];
            return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
        }

        boolean isMaster() {
            return fields[2].contains("master");
        }

        boolean failed() {
            return fields[2].contains("fail");
        }

        String masterId() {
            return fields[3];
        }

        boolean serves(int slot) {
            for (int i = 8; i < fields.length; i++) {
                String range = fields[i];
                if (range.startsWith("[")) {
                    continue; // a slot being migrated
                }
                String[] bounds = range.split("-");
                int from = Integer.parseInt(bounds[0]);
                int to = bounds.length > 1 ? Integer.parseInt(bounds[1]) : from;
                if (slot >= from && slot <= to) {
                    return true;
                }
            }
            return false;
        }
    }
}
