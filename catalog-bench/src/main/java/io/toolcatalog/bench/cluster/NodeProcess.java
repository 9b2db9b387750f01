package io.toolcatalog.bench.cluster;

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
import java.util.concurrent.TimeUnit;

/**
 * A process started by the harness (a catalog node, the wrk baseline app, a redis-server), stopped
 * by {@link #close()}; every one started is also stopped by a shutdown hook, and its pid is listed in
 * {@code BENCH_PID_FILE} so {@code bench/run} can stop it even if the harness dies.
 */
public final class NodeProcess implements AutoCloseable {

    /** Same flags for every JVM the benchmarks start (nodes and the wrk baseline). */
    public static final List<String> JVM_FLAGS = List.of("-Xms256m", "-Xmx512m", "-XX:+UseG1GC");

    private static final List<Process> started = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (started) {
                started.forEach(Process::destroyForcibly);
            }
        }));
    }

    private final String name;
    private final Process process;
    private final int port;

    private NodeProcess(String name, Process process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
    }

    public static NodeProcess start(String name, List<String> command, Map<String, String> env, int port, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            synchronized (started) {
                started.add(process);
            }
            PidFile.add(process.pid());
            return new NodeProcess(name, process, port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    /** A java process with {@link #JVM_FLAGS}: {@code -jar jar} or {@code -cp classpath main}. */
    public static List<String> java(List<String> launch) {
        return java(JVM_FLAGS, launch);
    }

    /** A java process with {@code flags} instead of {@link #JVM_FLAGS}. */
    public static List<String> java(List<String> flags, List<String> launch) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.addAll(launch);
        return command;
    }

    /** Waits until {@code path} answers 200, failing early if the process exits. */
    public void awaitHttp(String path, Duration timeout) {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready");
            }
            try {
                HttpResponse<Void> response = client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause(100);
        }
        throw new IllegalStateException(name + " not ready after " + timeout);
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public String name() {
        return name;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        synchronized (started) {
            started.remove(process);
        }
    }

    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
