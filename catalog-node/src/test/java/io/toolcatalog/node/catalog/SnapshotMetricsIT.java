package io.toolcatalog.node.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.toolcatalog.core.testing.ToolDrafts;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.node.CatalogNodeApplication;
import io.toolcatalog.node.testing.TestNodes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The digest check heals a snapshot whose content disagrees with its revision and counts it; the
 * gauges operators alert on hold numbers after a garbage collection; every {@code catalog_*} metric
 * passes {@code promtool check metrics} (when promtool is installed).
 */
@SpringBootTest(
        classes = CatalogNodeApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"catalog.sync.digest-check-interval=200ms"})
class SnapshotMetricsIT extends CatalogNodeContext {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private String scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                        .header("Authorization", "Bearer " + TestNodes.ADMIN_TOKEN)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The value of an unlabelled sample, as Prometheus would parse it. */
    private static double sample(String scrape, String name) {
        return scrape.lines()
                .filter(line -> line.startsWith(name + " "))
                .map(line ->
                        Double.parseDouble(line.substring(name.length() + 1).trim()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in the scrape"));
    }

    private Tool create() {
        String name = "metric-" + UUID.randomUUID().toString().substring(0, 8);
        return editor.create(ToolDrafts.plain(name, "d").build(), ALICE);
    }

    @Test
    void aWriteBehindTheChangeLogIsFoundByTheDigestCheckRepairedAndCounted() throws Exception {
        Tool tool = create();
        long repairs = reloader.repairs();

        // same revision, other content: the revision poll alone would never notice
        jdbc.update(
                "UPDATE tools SET description = 'behind the log', version = version + 1 WHERE name = ?", tool.name());

        await().atMost(10, TimeUnit.SECONDS).until(() -> reloader.snapshot()
                .tool(tool.name())
                .map(Tool::description)
                .orElse("")
                .equals("behind the log"));
        assertThat(reloader.repairs()).isEqualTo(repairs + 1);
        assertThat(sample(scrape(), "catalog_snapshot_repairs_total")).isEqualTo(repairs + 1.0);
    }

    @Test
    void theRevisionGaugesHoldNumbersAfterAGarbageCollection() throws Exception {
        create();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }

        String scrape = scrape();

        assertThat(sample(scrape, "catalog_revision_applied")).isEqualTo((double) reloader.applied());
        assertThat(sample(scrape, "catalog_revision_lag")).isNotNaN().isGreaterThanOrEqualTo(0);
        assertThat(scrape).contains("catalog_reload_propagation_seconds_count");
        assertThat(scrape).doesNotContain("catalog_reload_propagation_milliseconds");
    }

    @Test
    void everyCatalogMetricPassesPromtool() throws Exception {
        Path promtool = promtool();
        Assumptions.assumeTrue(promtool != null, "promtool is not on the PATH");
        create();
        Path scrape = Files.createTempFile("scrape", ".txt");
        try {
            Files.writeString(scrape, scrape());
            Process check = new ProcessBuilder(promtool.toString(), "check", "metrics")
                    .redirectInput(scrape.toFile())
                    .redirectErrorStream(true)
                    .start();
            String report = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(check.waitFor(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS))
                    .isTrue();
            assertThat(report.lines().filter(line -> line.contains("catalog_")))
                    .as(report)
                    .isEmpty();
        } finally {
            Files.deleteIfExists(scrape);
        }
    }

    private static Path promtool() {
        String path = System.getenv("PATH");
        return path == null
                ? null
                : Arrays.stream(path.split(java.io.File.pathSeparator))
                        .map(dir -> Path.of(dir, "promtool"))
                        .filter(Files::isExecutable)
                        .findFirst()
                        .orElse(null);
    }
}
