package io.toolcatalog.bench.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The API of one node at 127.0.0.1, as the benchmarks use it. */
public final class NodeClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.regex.Pattern OUTCOME = java.util.regex.Pattern.compile("outcome=\"([a-z_]+)\"");

    private final HttpClient http;
    private final String base;
    private final String token;
    private final String nodeId;

    public NodeClient(int port, String nodeId, String token) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        this.base = "http://127.0.0.1:" + port;
        this.token = token;
        this.nodeId = nodeId;
    }

    public String nodeId() {
        return nodeId;
    }

    public String base() {
        return base;
    }

    /** Changes one tool's description; returns the revision the response carries. */
    public long updateDescription(String tool, String description) {
        String body = "{\"description\":" + quote(description) + "}";
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/tools/" + tool))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
        expect(r, 200);
        return revisionOf(r);
    }

    /** A {@code method} with a JSON body as the admin; the answer's body and revision (-1 without one). */
    public Answer call(String method, String path, String json, int... expected) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)));
        expect(r, expected);
        try {
            long revision = r.headers()
                    .firstValue("X-Catalog-Revision")
                    .map(Long::parseLong)
                    .orElse(-1L);
            return new Answer(r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body()), revision);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " answered no JSON: " + r.body(), e);
        }
    }

    /** What {@link #call} answered. */
    public record Answer(JsonNode body, long revision) {}

    /** A bulk import (merge): one revision. */
    public long importTools(String json) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/tools/import"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
        expect(r, 200, 201);
        return revisionOf(r);
    }

    /** The node's applied revision, from the header of a cheap read. */
    public long appliedRevision() {
        HttpResponse<String> api = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/tools?limit=1")));
        expect(api, 200);
        return revisionOf(api);
    }

    public byte[] getBytes(String path) {
        try {
            HttpResponse<byte[]> r = http.send(
                    HttpRequest.newBuilder(URI.create(base + path))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + r.statusCode());
            }
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Folds this node's latest reload events (at most 100: the API's limit) into {@code firstSeen}:
     * for each revision, the earliest successful reload on this node that took it in.
     */
    public void foldHistory(Map<Long, Instant> firstSeen) {
        HttpResponse<String> r = send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/tools/reload/history?limit=100&node=" + nodeId)));
        expect(r, 200);
        try {
            for (JsonNode e : JSON.readTree(r.body()).path("history")) {
                if (!nodeId.equals(e.path("node_id").asText())
                        || !e.path("success").asBoolean(true)) {
                    continue;
                }
                Instant at = instant(e.path("timestamp"));
                for (long rev = e.path("from_revision").asLong() + 1;
                        rev <= e.path("revision").asLong();
                        rev++) {
                    firstSeen.merge(rev, at, (a, b) -> a.isBefore(b) ? a : b);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("history is not JSON: " + r.body(), e);
        }
    }

    static Instant instant(JsonNode value) {
        if (value.isNumber()) {
            BigDecimal seconds = value.decimalValue();
            long s = seconds.longValue();
            return Instant.ofEpochSecond(
                    s, seconds.subtract(BigDecimal.valueOf(s)).movePointRight(9).longValue());
        }
        return Instant.parse(value.asText());
    }

    /** The node's metrics in the Prometheus text format (the admin token opens it). */
    public String prometheus() {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus"))
                .header("Authorization", "Bearer " + token));
        expect(r, 200);
        return r.body();
    }

    /** Change messages this node received, by the listener's outcome ({@code applied_carried}, {@code rang}, …). */
    public Map<String, Double> changeMessagesByOutcome() {
        return changeMessagesByOutcome(prometheus());
    }

    public static Map<String, Double> changeMessagesByOutcome(String prometheus) {
        Map<String, Double> byOutcome = new java.util.TreeMap<>();
        for (String line : prometheus.split("\n")) {
            java.util.regex.Matcher m = OUTCOME.matcher(line);
            if (line.startsWith("catalog_cluster_messages_received_total{")
                    && line.contains("type=\"catalog_changed\"")
                    && m.find()) {
                byOutcome.merge(m.group(1), Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
            }
        }
        return byOutcome;
    }

    /** How many reloads this node performed, summed over the reload-duration timer's series. */
    public long reloadCount() {
        double total = 0;
        for (String line : prometheus().split("\n")) {
            if (line.startsWith("catalog_reload_duration_seconds_count")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Math.round(total);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(base + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void expect(HttpResponse<String> r, int... statuses) {
        for (int s : statuses) {
            if (r.statusCode() == s) {
                return;
            }
        }
        throw new IllegalStateException(r.request().method() + " " + r.uri() + " answered " + r.statusCode() + ": "
                + r.body().substring(0, Math.min(300, r.body().length())));
    }

    private static long revisionOf(HttpResponse<?> r) {
        return r.headers()
                .firstValue("X-Catalog-Revision")
                .map(Long::parseLong)
                .orElseThrow(() -> new IllegalStateException("no X-Catalog-Revision on " + r.uri()));
    }

    static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> tool(String name) {
        return Map.of(
                "name",
                name,
                "description",
                "Benchmark tool " + name,
                "category",
                "bench",
                "tags",
                List.of("bench"),
                "enabled",
                true,
                "profiles",
                Map.of(
                        "default",
                        Map.of(
                                "timeout_ms",
                                5000,
                                "max_retries",
                                2,
                                "cost_weight",
                                0.2,
                                "latency_weight",
                                0.5,
                                "quality_weight",
                                0.3,
                                "parameters",
                                Map.of("flags", "-n"))));
    }

    public static String importBody(List<String> names) {
        try {
            return JSON.writeValueAsString(
                    Map.of("tools", names.stream().map(NodeClient::tool).toList()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
