package io.toolcatalog.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A process of our own listening on one port: a catalog node started from the packaged jar, a
 * baseline app, a redis-server. A kill is a real SIGKILL (no shutdown hook, connections cut
 * mid-request) and a restart is a cold start with a new lifetime, on the same port. Requests made
 * while it is down or being killed are told apart from requests to a process that was up all along:
 * only the first may fail to connect.
 */
public final class NodeProcess implements AutoCloseable {

    /** Flags for a node that only has to answer correctly, several to a small machine. */
    public static final List<String> SMALL_JVM =
            List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k");

    private final String id;
    private final int port;
    private final List<String> command;
    private final Map<String, String> env;
    private final IntFunction<Path> log;
    private final AtomicLong disturbances = new AtomicLong();
    private volatile Process process;
    private volatile int lifetime;
    private volatile boolean up;
    private volatile HttpClient http;

    private NodeProcess(String id, int port, List<String> command, Map<String, String> env, IntFunction<Path> log) {
        this.id = id;
        this.port = port;
        this.command = List.copyOf(command);
        this.env = Map.copyOf(env);
        this.log = log;
    }

    /**
     * A catalog node from {@code jar} on a free port, {@code properties} given as arguments, with
     * {@link #SMALL_JVM} flags, logging each lifetime to its own file in {@code logDir}. Not started yet.
     */
    public NodeProcess(String id, Path jar, Map<String, String> properties, Path logDir) {
        this(id, Ports.free(), properties, jar, logDir);
    }

    private NodeProcess(String id, int port, Map<String, String> properties, Path jar, Path logDir) {
        this(id, port, nodeCommand(jar, port, properties), Map.of(), n -> logDir.resolve(id + "-life" + n + ".log"));
    }

    private static List<String> nodeCommand(Path jar, int port, Map<String, String> properties) {
        List<String> command = new ArrayList<>(java(SMALL_JVM, List.of("-jar", jar.toString())));
        command.add("--server.port=" + port);
        properties.forEach((k, v) -> command.add("--" + k + "=" + v));
        return command;
    }

    /** Starts {@code command} (which listens on {@code port}) at once, with {@code env} added, logging to {@code log}. */
    public static NodeProcess start(String name, List<String> command, Map<String, String> env, int port, Path log) {
        NodeProcess process = new NodeProcess(name, port, command, env, n -> log);
        process.start();
        return process;
    }

    /** A java command: this JVM's {@code java}, {@code flags}, then {@code -jar jar} or {@code -cp classpath main}. */
    public static List<String> java(List<String> flags, List<String> launch) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.addAll(launch);
        return command;
    }

    public String id() {
        return id;
    }

    public String name() {
        return id;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    /** The process's user + system CPU time so far; empty when the system does not say (it has ended). */
    public Optional<Duration> cpuTime() {
        return process.toHandle().info().totalCpuDuration();
    }

    public boolean isAlive() {
        Process current = process;
        return current != null && current.isAlive();
    }

    /** True from {@link #awaitReady} until it is killed or stopped. */
    public boolean isUp() {
        return up;
    }

    /** Starts a new lifetime of the process; {@link #awaitReady} before sending it traffic. */
    public synchronized void start() {
        lifetime++;
        process = ChildProcesses.start(command, env, log.apply(lifetime));
        // a client per lifetime: pooled connections to a killed process are never reused
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
    }

    /** Waits for a node's readiness (its first snapshot loaded), failing early if the process exits. */
    public void awaitReady(Duration timeout) {
        awaitHttp("/actuator/health/readiness", timeout);
        up = true;
        disturbances.incrementAndGet();
    }

    /** Waits until {@code path} answers 200, failing early if the process exits. */
    public void awaitHttp(String path, Duration timeout) {
        Process current = process;
        HttpClient client = http;
        await(id + " ready")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!current.isAlive()) {
                        throw new IllegalStateException(id + " exited with " + current.exitValue()
                                + " before it was ready; see its log " + log.apply(lifetime));
                    }
                    return answers(client, path);
                });
    }

    private boolean answers(HttpClient client, String path) {
        try {
            HttpResponse<Void> r = client.send(
                    HttpRequest.newBuilder(URI.create(baseUrl() + path))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL. The kill window opens before the signal is sent and closes when it is ready again. */
    public synchronized void kill() {
        up = false;
        disturbances.incrementAndGet();
        ChildProcesses.kill(process);
    }

    /** SIGKILL if it runs; nothing otherwise. */
    public void stop() {
        up = false;
        Process current = process;
        if (current != null) {
            ChildProcesses.kill(current);
        }
    }

    /** A clean stop: SIGTERM, then SIGKILL if it lingers. */
    @Override
    public void close() {
        up = false;
        Process current = process;
        if (current != null) {
            ChildProcesses.stop(current);
        }
    }

    /** What a client needs to send one request, and to judge a failure to connect afterwards. */
    public Lease lease() {
        return new Lease(this, http, lifetime, disturbances.get(), up);
    }

    /** A request's view of the process when it was sent. */
    public record Lease(NodeProcess node, HttpClient http, int lifetime, long disturbancesAtStart, boolean upAtStart) {

        /** True when the process was down, killed or restarted while the request was in flight. */
        public boolean disturbed() {
            return !upAtStart || !node.up || node.disturbances.get() != disturbancesAtStart;
        }
    }
}
