package io.toolcatalog.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code redis-server} of a test's own, on a free port, with its files under {@code target/}: a
 * fault test may kill it, start it again on the same port, or run it as a Sentinel, without
 * touching the machine's shared Redis. {@link #close()} kills it.
 */
public final class PrivateRedis implements AutoCloseable {

    private static final Path ROOT = Path.of("target", "private-redis");

    private final int port;
    private final Path dir;
    private final List<String> config;
    private Process process;

    private PrivateRedis(int port, Path dir, List<String> config) {
        this.port = port;
        this.dir = dir;
        this.config = config;
    }

    /** A plain server (no persistence); {@code extra} lines are added to its config. */
    public static PrivateRedis server(String... extra) {
        int port = Ports.free();
        List<String> config = new ArrayList<>(List.of("port " + port, "bind 127.0.0.1", "save \"\"", "appendonly no"));
        config.addAll(List.of(extra));
        return new PrivateRedis(port, directory("redis-" + port), config).start();
    }

    /** A replica of {@code master}. */
    public static PrivateRedis replicaOf(PrivateRedis master) {
        return server("replicaof 127.0.0.1 " + master.port(), "replica-read-only yes");
    }

    /**
     * A Sentinel watching {@code master} as {@code masterName}, with small timeouts: the master is
     * down after 1 s of silence, agreed by {@code quorum} sentinels, and a failover may take 5 s.
     */
    public static PrivateRedis sentinel(String masterName, PrivateRedis master, int quorum) {
        int port = Ports.free();
        List<String> config = List.of(
                "port " + port,
                "bind 127.0.0.1",
                "sentinel resolve-hostnames no",
                "sentinel monitor " + masterName + " 127.0.0.1 " + master.port() + " " + quorum,
                "sentinel down-after-milliseconds " + masterName + " 1000",
                "sentinel failover-timeout " + masterName + " 5000",
                "sentinel parallel-syncs " + masterName + " 1");
        return new PrivateRedis(port, directory("sentinel-" + port), config).start();
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public boolean isSentinel() {
        return config.stream().anyMatch(line -> line.startsWith("sentinel monitor"));
    }

    /** Starts (or starts again, on the same port) and waits until it answers PING; running, it stays. */
    public synchronized PrivateRedis start() {
        if (isRunning()) {
            return this;
        }
        try {
            Path conf = dir.resolve("redis.conf");
            if (!Files.exists(conf)) {
                // a sentinel rewrites its own config file, so it is written once only
                Files.writeString(conf, String.join("\n", config) + "\ndir " + dir.toAbsolutePath() + "\n");
            }
            List<String> command = new ArrayList<>(
                    List.of("redis-server", conf.toAbsolutePath().toString()));
            if (isSentinel()) {
                command.add("--sentinel");
            }
            process = ChildProcesses.start(command, dir.resolve("redis.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> "+PONG".equals(command("PING")));
        return this;
    }

    /** SIGKILL: no goodbye to clients, as a crashed host. */
    public synchronized void kill() {
        if (process != null) {
            ChildProcesses.kill(process);
            process = null;
        }
    }

    /** SIGTERM: Redis closes its clients' connections and exits, as a clean shutdown. */
    public synchronized void stop() {
        if (process != null) {
            ChildProcesses.stop(process);
            process = null;
        }
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * One command in the inline protocol; the first line of the answer, or null when nothing
     * answers. Enough for PING, ROLE and SENTINEL queries in tests.
     */
    public String command(String command) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\r') {
                answer.append((char) c);
            }
            return answer.toString();
        } catch (IOException e) {
            return null;
        }
    }

    /** The whole answer to a command, its lines joined by newlines (bulk and array answers). */
    public String commandAll(String command) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(300);
            socket.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = in.read(buffer)) != -1) {
                    answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (java.net.SocketTimeoutException done) {
                // the server keeps the connection open: what arrived so far is the answer
            }
            return answer.toString().replace("\r\n", "\n");
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * One field of {@code SENTINEL MASTER name} (this must be a sentinel), such as {@code
     * num-other-sentinels}; null when it does not answer.
     */
    public String sentinelField(String masterName, String field) {
        String answer = commandAll("SENTINEL MASTER " + masterName);
        if (answer == null) {
            return null;
        }
        List<String> lines = List.of(answer.split("\n"));
        for (int i = 0; i + 2 < lines.size(); i++) {
            if (lines.get(i).equals(field) && lines.get(i + 1).startsWith("$")) {
                return lines.get(i + 2);
            }
        }
        return null;
    }

    /** The master's port as this sentinel names it now; -1 when it does not answer. */
    public int masterPort(String masterName) {
        String port = sentinelField(masterName, "port");
        return port == null ? -1 : Integer.parseInt(port);
    }

    /** Drops every pub/sub connection: subscribers must notice, resubscribe and catch up; how many. */
    public long killPubSubConnections() {
        String answer = command("CLIENT KILL TYPE pubsub");
        if (answer == null || !answer.startsWith(":")) {
            throw new IllegalStateException("CLIENT KILL answered " + answer);
        }
        return Long.parseLong(answer.substring(1));
    }

    @Override
    public void close() {
        kill();
    }

    private static Path directory(String name) {
        try {
            return Files.createDirectories(ROOT.resolve(name + "-" + System.nanoTime()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
