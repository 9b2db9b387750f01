package io.toolcatalog.node.robustness;

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
import java.util.concurrent.atomic.AtomicLong;

/**
 * One catalog node as a real process started from the packaged jar, so a kill is a real SIGKILL
 * (no shutdown hook, no graceful close, connections cut mid-request) and a restart is a cold start
 * with a new node lifetime. Requests made while the node is down or being killed are told apart
 * from requests to a node that was up all along: only the first may fail to connect.
 */
final class NodeProcess {

    private static final List<String> JVM_FLAGS =
            List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k");

    private final String id;
    private final int port;
    private final Path jar;
    private final Map<String, String> properties;
    private final Path logDir;
    private final AtomicLong disturbances = new AtomicLong();
    private volatile Process process;
    private volatile int lifetime;
    private volatile boolean up;
    private volatile HttpClient http;

    NodeProcess(String id, Path jar, Map<String, String> properties, Path logDir) {
        this.id = id;
        this.port = ChildProcesses.freePort();
        this.jar = jar;
        this.properties = properties;
        this.logDir = logDir;
    }

    String id() {
        return id;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    boolean isUp() {
        return up;
    }

    /** Starts the process; {@link #awaitReady} before sending it traffic. */
    synchronized void start() {
        lifetime++;
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.add("-jar");
        command.add(jar.toString());
        command.add("--server.port=" + port);
        properties.forEach((k, v) -> command.add("--" + k + "=" + v));
        process = ChildProcesses.start(command, logDir.resolve(id + "-life" + lifetime + ".log"));
        // a client per lifetime: pooled connections to the killed process are never reused
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
    }

    /** Waits for readiness (the first snapshot loaded), failing early if the process exits. */
    void awaitReady(Duration timeout) {
        Process current = process;
        HttpClient client = http;
        await(id + " ready")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!current.isAlive()) {
                        throw new IllegalStateException(
                                id + " exited with " + current.exitValue() + "; see its log in " + logDir);
                    }
                    return readinessAnswers(client);
                });
        up = true;
        disturbances.incrementAndGet();
    }

    private boolean readinessAnswers(HttpClient client) {
        try {
            HttpResponse<Void> r = client.send(
                    HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
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
    synchronized void kill() {
        up = false;
        disturbances.incrementAndGet();
        ChildProcesses.kill(process);
    }

    /** What a client needs to send one request, and to judge a failure to connect afterwards. */
    Lease lease() {
        return new Lease(this, http, lifetime, disturbances.get(), up);
    }

    /** A request's view of the node when it was sent. */
    record Lease(NodeProcess node, HttpClient http, int lifetime, long disturbancesAtStart, boolean upAtStart) {

        /** True when the node was down, killed or restarted while the request was in flight. */
        boolean disturbed() {
            return !upAtStart || !node.up || node.disturbances.get() != disturbancesAtStart;
        }
    }

    void stop() {
        up = false;
        Process current = process;
        if (current != null) {
            ChildProcesses.kill(current);
        }
    }
}
