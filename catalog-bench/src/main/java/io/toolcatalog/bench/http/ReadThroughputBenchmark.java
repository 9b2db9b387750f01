package io.toolcatalog.bench.http;

import io.toolcatalog.bench.BenchSettings;
import io.toolcatalog.bench.cluster.Cluster;
import io.toolcatalog.bench.cluster.NodeClient;
import io.toolcatalog.bench.report.Report;
import io.toolcatalog.bench.report.Row;
import io.toolcatalog.testsupport.NodeProcess;
import io.toolcatalog.testsupport.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cached reads on one node with wrk (50 connections), against {@link BaselineApp} answering the
 * same bytes from a process started with the same JVM flags. Node and baseline alternate per path,
 * each after a warm-up, so drift on the shared machine hits both alike.
 */
public final class ReadThroughputBenchmark {

    private static final int CONNECTIONS = 50;

    private final BenchSettings settings;
    private final Report report;

    public ReadThroughputBenchmark(BenchSettings settings, Report report) {
        this.settings = settings;
        this.report = report;
    }

    public void run(NodeClient node, String toolName) {
        String toolPath = "/api/v1/tools/" + toolName;
        String profilesPath = "/api/v1/profiles";
        Path dir = settings.logs().resolve("baseline-bytes");
        int port = Ports.free();
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve("tool.json"), node.getBytes(toolPath));
            Files.write(dir.resolve("profiles.json"), node.getBytes(profilesPath));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try (NodeProcess baseline = NodeProcess.start(
                "wrk-baseline",
                NodeProcess.java(
                        Cluster.JVM_FLAGS,
                        List.of(
                                "-Dbench.baseline.dir=" + dir,
                                "-cp",
                                System.getProperty("java.class.path"),
                                BaselineApp.class.getName(),
                                "--server.port=" + port,
                                "--spring.main.banner-mode=off")),
                Map.of(),
                port,
                settings.logs().resolve("wrk-baseline.log"))) {
            baseline.awaitHttp("/ready", Duration.ofSeconds(60));
            String base = "http://127.0.0.1:" + port;
            int seconds = settings.quick() ? 2 : 10;
            int warmup = settings.quick() ? 1 : 5;
            measure("GET /api/v1/tools/{name}", node.base() + toolPath, base + toolPath, seconds, warmup);
            measure("GET /api/v1/profiles", node.base() + profilesPath, base + profilesPath, seconds, warmup);
        }
    }

    private void measure(String path, String nodeUrl, String baselineUrl, int seconds, int warmup) {
        Wrk.run(nodeUrl, CONNECTIONS, warmup);
        Wrk.WrkResult ours = Wrk.run(nodeUrl, CONNECTIONS, seconds);
        Wrk.run(baselineUrl, CONNECTIONS, warmup);
        Wrk.WrkResult theirs = Wrk.run(baselineUrl, CONNECTIONS, seconds);
        String bench = "cached reads, one node, wrk " + CONNECTIONS + " connections: " + path;
        boolean met = ours.requestsPerSecond() >= 20_000
                && ours.requestsPerSecond() >= 0.9 * theirs.requestsPerSecond()
                && ours.errors() == 0;
        report.add(Row.of(bench, "requests/s", ours.requestsPerSecond(), "req/s")
                .against("minimal Spring MVC, same bytes", theirs.requestsPerSecond())
                .target("≥ 20,000 req/s and ≥ 0.9× baseline", met)
                .note(ours.errors() > 0 ? ours.errors() + " errors or non-2xx" : ""));
        report.add(Row.of(bench, "p99 latency", ours.p99Ms(), "ms")
                .against("minimal Spring MVC, same bytes", theirs.p99Ms())
                .note(String.format(Locale.ROOT, "%d-byte body", bodySize(nodeUrl))));
    }

    private long bodySize(String url) {
        try {
            Path file = settings.logs()
                    .resolve("baseline-bytes")
                    .resolve(url.endsWith("profiles") ? "profiles.json" : "tool.json");
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
