package io.toolcatalog.node.robustness;

import static org.awaitility.Awaitility.await;

import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A {@code redis-server} of this run's own on a free port, so it can be stopped and started again
 * (the machine's shared Redis is never touched). Keeps nothing on disk.
 */
final class PrivateRedis implements AutoCloseable {

    private final int port;
    private final Path log;
    private Process process;

    private PrivateRedis(int port, Path log) {
        this.port = port;
        this.log = log;
    }

    static PrivateRedis start(Path logDir) {
        PrivateRedis redis = new PrivateRedis(ChildProcesses.freePort(), logDir.resolve("redis.log"));
        redis.startAgain();
        return redis;
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    synchronized void startAgain() {
        if (process != null && process.isAlive()) {
            return;
        }
        process = ChildProcesses.start(
                List.of(
                        "redis-server",
                        "--port",
                        String.valueOf(port),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no"),
                log);
        await("redis-server on port " + port)
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .ignoreExceptions()
                .until(() -> "PONG".equals(command(c -> c.sync().ping())));
    }

    /** Gone at once, as a crash or a network cut would leave it (SIGKILL). */
    synchronized void stop() {
        if (process != null) {
            ChildProcesses.kill(process);
        }
    }

    /** Drops every pub/sub connection: subscribers must notice, resubscribe and catch up. */
    long killPubSubConnections() {
        return command(c -> c.sync().clientKill(KillArgs.Builder.typePubsub()));
    }

    private <T> T command(java.util.function.Function<StatefulRedisConnection<String, String>, T> call) {
        RedisClient client = RedisClient.create(url());
        client.setDefaultTimeout(Duration.ofSeconds(2));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return call.apply(connection);
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    @Override
    public synchronized void close() {
        stop();
    }

    static void requireInstalled() {
        try {
            Process p = new ProcessBuilder("redis-server", "--version")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("redis-server is not installed (apt-get install -y redis-server)", e);
        }
    }
}
