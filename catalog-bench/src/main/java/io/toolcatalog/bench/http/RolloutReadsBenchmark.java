package io.toolcatalog.bench.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolcatalog.bench.BenchSettings;
import io.toolcatalog.bench.cluster.Cluster;
import io.toolcatalog.bench.cluster.NodeClient;
import io.toolcatalog.bench.cluster.SeededCluster;
import io.toolcatalog.bench.report.Report;
import io.toolcatalog.bench.report.Row;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cached reads while a rollout runs, against the same reads without one, on one node with wrk (50
 * connections). Every request names a consumer ({@code X-Catalog-Consumer: c0 … c999}, in turn), so
 * both sides pay for reading the identity; during the rollout (50 % of consumers, on the tool read)
 * half of them get the candidate's view. Rounds of without, with (a new rollout each round), aborted,
 * and a last without, so drift on the shared machine falls on both sides; the ratio is the mean
 * with ÷ the mean without.
 */
public final class RolloutReadsBenchmark {

    private static final Logger log = LoggerFactory.getLogger(RolloutReadsBenchmark.class);
    private static final int CONNECTIONS = 50;
    private static final int TOOLS = 100;
    private static final String TOOL = "bench-tool-7";
    private static final String CONSUMERS_SCRIPT =
            """
            local n = 0
            request = function()
              n = n + 1
              return wrk.format(nil, nil, {["X-Catalog-Consumer"] = "c" .. (n % 1000)})
            end
            """;

    private final BenchSettings settings;
    private final Report report;

    public RolloutReadsBenchmark(BenchSettings settings, Report report) {
        this.settings = settings;
        this.report = report;
    }

    public void run() {
        try (SeededCluster seeded = SeededCluster.start(
                settings,
                settings.clusterDatabase() + "_rollout",
                1,
                TOOLS,
                "bench-" + UUID.randomUUID(),
                Cluster.JVM_FLAGS,
                Map.of(),
                report::note)) {
            measureAll(seeded.cluster(), seeded.cluster().nodes().get(0));
        }
    }

    private void measureAll(Cluster cluster, NodeClient node) {
        Path script = settings.logs().resolve("consumers.lua");
        try {
            Files.writeString(script, CONSUMERS_SCRIPT);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String toolUrl = node.base() + "/api/v1/tools/" + TOOL;
        String profilesUrl = node.base() + "/api/v1/profiles";
        int rounds = settings.quick() ? 1 : 4;
        Totals tool = new Totals();
        Totals profiles = new Totals();
        int inCohort = 0;
        // a node just started is cold: a longer warm-up of both paths first, discarded, so the
        // first round's without is not a measurement of the JIT
        Wrk.run(toolUrl, CONNECTIONS, settings.quick() ? 2 : 15, script);
        Wrk.run(profilesUrl, CONNECTIONS, settings.quick() ? 2 : 15, script);
        // rounds of without, with, without: short alternations, so a burst of load elsewhere on
        // the shared machine falls on both sides rather than on one long measurement
        for (int round = 0; round < rounds; round++) {
            tool.without(measure(toolUrl, script));
            profiles.without(measure(profilesUrl, script));
            long rollout = startRollout(cluster, node, round);
            inCohort = cohortSize(toolUrl, rollout);
            log.info("Rollout {} running: {} of 1000 consumers see its candidate", rollout, inCohort);
            tool.with(measure(toolUrl, script));
            profiles.with(measure(profilesUrl, script));
            JsonNode aborted = node.call(
                            "POST",
                            "/api/v1/rollouts/" + rollout + "/abort",
                            "{\"reason\": \"benchmark round over\"}",
                            200)
                    .body();
            cluster.awaitApplied(aborted.path("revision").asLong(), Duration.ofSeconds(10));
        }
        tool.without(measure(toolUrl, script));
        profiles.without(measure(profilesUrl, script));

        String cohort = inCohort + " of 1000 consumers in the last round's cohort; " + rounds + " rounds";
        add("GET /api/v1/tools/{name}", tool, cohort);
        add("GET /api/v1/profiles", profiles, cohort);
    }

    private Wrk.WrkResult measure(String url, Path script) {
        Wrk.run(url, CONNECTIONS, settings.quick() ? 1 : 2, script);
        return Wrk.run(url, CONNECTIONS, settings.quick() ? 2 : 5, script);
    }

    /** A change request on {@link #TOOL} rolled out to 50 %, applied; the rollout's id. */
    private long startRollout(Cluster cluster, NodeClient node, int round) {
        long request = node.call(
                        "POST",
                        "/api/v1/change-requests",
                        "{\"title\": \"bench rollout " + round + "\", \"description\": \"benchmark\"}",
                        201)
                .body()
                .path("id")
                .asLong();
        node.call(
                "PUT",
                "/api/v1/change-requests/" + request + "/items/" + TOOL,
                """
                {"action": "upsert", "tool": {"description": "candidate", "category": "bench", "tags": ["bench"],
                 "profiles": {"default": {"timeout_ms": 6000, "max_retries": 2, "cost_weight": 0.2,
                              "latency_weight": 0.5, "quality_weight": 0.3}}}}""",
                200);
        JsonNode rollout = node.call(
                        "POST",
                        "/api/v1/change-requests/" + request + "/rollout",
                        "{\"steps\": [{\"percent\": 50, \"hold\": \"1h\"}, {\"percent\": 100}], \"auto_advance\": false}",
                        201)
                .body();
        cluster.awaitApplied(rollout.path("revision").asLong(), Duration.ofSeconds(10));
        return rollout.path("id").asLong();
    }

    /** How many of c0 … c999 the node answers in the rollout's view: a check that the benchmark measures what it says. */
    private static int cohortSize(String toolUrl, long rollout) {
        HttpClient http = HttpClient.newHttpClient();
        int in = 0;
        for (int i = 0; i < 1000; i++) {
            try {
                HttpResponse<Void> r = http.send(
                        HttpRequest.newBuilder(URI.create(toolUrl))
                                .header("X-Catalog-Consumer", "c" + i)
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.headers().firstValue("X-Catalog-View").orElse("").equals("rollout=" + rollout)) {
                    in++;
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return in;
    }

    private void add(String path, Totals totals, String cohort) {
        double without = totals.withoutRate();
        double with = totals.withRate();
        String bench = "reads during a rollout, one node, wrk " + CONNECTIONS + " connections, consumer ids: " + path;
        report.add(Row.of(bench, "requests/s", with, "req/s")
                .against("same reads, no rollout (rounds before and after each)", without)
                .target("≥ 0.9× without a rollout", with >= 0.9 * without && totals.errors == 0)
                .note(String.format(
                        Locale.ROOT,
                        "%s; per round with: %s; without: %s%s",
                        cohort,
                        totals.withRates,
                        totals.withoutRates,
                        totals.errors > 0 ? "; " + totals.errors + " errors or non-2xx" : "")));
        report.add(Row.of(bench, "p99 latency", totals.withP99(), "ms")
                .against("same reads, no rollout (mean)", totals.withoutP99()));
    }

    /** The measurements of one path: with a rollout, and without one, round by round. */
    private static final class Totals {

        private final List<Long> withRates = new ArrayList<>();
        private final List<Long> withoutRates = new ArrayList<>();
        private final List<Double> withP99s = new ArrayList<>();
        private final List<Double> withoutP99s = new ArrayList<>();
        private long errors;

        void with(Wrk.WrkResult result) {
            withRates.add(Math.round(result.requestsPerSecond()));
            withP99s.add(result.p99Ms());
            errors += result.errors();
        }

        void without(Wrk.WrkResult result) {
            withoutRates.add(Math.round(result.requestsPerSecond()));
            withoutP99s.add(result.p99Ms());
            errors += result.errors();
        }

        double withRate() {
            return withRates.stream().mapToLong(Long::longValue).average().orElse(Double.NaN);
        }

        double withoutRate() {
            return withoutRates.stream().mapToLong(Long::longValue).average().orElse(Double.NaN);
        }

        double withP99() {
            return withP99s.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }

        double withoutP99() {
            return withoutP99s.stream()
                    .mapToDouble(Double::doubleValue)
                    .average()
                    .orElse(Double.NaN);
        }
    }
}
