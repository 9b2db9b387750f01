package io.toolcatalog.node.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.node.CatalogNodeApplication;
import io.toolcatalog.node.testing.CatalogTestInitializer;
import io.toolcatalog.node.testing.TestNodes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/** Readiness goes OUT_OF_SERVICE when the revision was not verified for max-staleness, and back. */
@SpringBootTest(
        classes = CatalogNodeApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"catalog.sync.poll-interval=1h", "catalog.sync.max-staleness=500ms"})
@ContextConfiguration(initializers = CatalogTestInitializer.class)
class CatalogHealthIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    CatalogReloader reloader;

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readinessReportsAStaleNodeOutOfServiceUntilItVerifiesAgain() throws Exception {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            HttpResponse<String> stale = get("/actuator/health/readiness");
            assertThat(stale.statusCode()).isEqualTo(503);
            assertThat(stale.body()).contains("OUT_OF_SERVICE").contains("not verified");
        });
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);

        reloader.catchUp();

        HttpResponse<String> ready = get("/actuator/health/readiness");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"revision\"").contains("\"last_sync\"");
    }

    @Test
    void prometheusExposesReloadDurationsByTriggerKindAndOutcome() throws Exception {
        String metrics = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                                .header("Authorization", "Bearer " + TestNodes.ADMIN_TOKEN)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();

        assertThat(metrics)
                .contains("catalog_reload_duration_seconds_count{kind=\"full\",outcome=\"success\",trigger=\"startup\"")
                .contains("catalog_revision_applied")
                .contains("catalog_revision_lag");
    }
}
