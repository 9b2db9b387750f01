package io.toolcatalog.node.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.toolcatalog.client.CatalogClient;
import io.toolcatalog.client.CatalogClientStatus;
import io.toolcatalog.client.CatalogTool;
import io.toolcatalog.node.testing.TestNodes;
import io.toolcatalog.node.testing.TestNodes.Node;
import io.toolcatalog.testsupport.TestInfrastructure;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new user of the client asked for, against a real node: every tool listed, whether the
 * client is live, a stable consumer id, and a start failure that says why the cache file was no use.
 */
class CatalogClientStatusIT {

    private static final Duration WITHIN = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void listsEveryToolAndTellsWhetherItFollowsTheNodeUnderAStableName() throws Exception {
        String jdbcUrl = TestInfrastructure.newSchemaUrl();
        Node node = TestNodes.start(jdbcUrl, TestInfrastructure.newClusterName(), "node-status");
        String name = "it-" + UUID.randomUUID().toString().substring(0, 8);
        try (node;
                CatalogClient client = CatalogClient.builder()
                        .endpoints(URI.create(node.baseUrl()))
                        .applicationName(name)
                        .backoff(Duration.ofMillis(50), Duration.ofMillis(500))
                        .build()
                        .start()) {
            NodeWrites writes = new NodeWrites(node.baseUrl());
            writes.create(name + "-on", 1000);
            writes.create(name + "-off", 1000);
            long revision = writes.disable(name + "-off");

            assertThat(client.awaitRevision(revision, WITHIN)).isTrue();
            assertThat(client.tools().tools()).containsKeys(name + "-on", name + "-off");
            assertThat(client.tools().tools().get(name + "-off"))
                    .extracting(CatalogTool::enabled)
                    .isEqualTo(false);
            assertThat(client.profiles().tools()).doesNotContainKey(name + "-off");
            CatalogClientStatus status = client.status();
            assertThat(status.node()).isEqualTo(URI.create(node.baseUrl()));
            assertThat(status.connected()).isTrue();
            assertThat(status.source()).isEqualTo(CatalogClientStatus.Source.NODE);
            assertThat(status.revision()).isEqualTo(revision);
            assertThat(status.nodeRevision()).isEqualTo(revision);
            assertThat(status.lastEventAge()).isLessThan(WITHIN);

            String host = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
            await().atMost(WITHIN)
                    .untilAsserted(() -> assertThat(consumerIds(node)).contains(name + "-" + host));

            node.close();
            await().atMost(WITHIN).until(() -> !client.status().connected());
            assertThat(client.status().source()).isEqualTo(CatalogClientStatus.Source.NODE);
            assertThat(client.tools().revision()).isEqualTo(revision);
        }
    }

    @Test
    void failingToStartWithACorruptCacheFileAndNoNodeSaysTheFileIsUnreadable() throws Exception {
        Path cache = dir.resolve("catalog.json");
        Files.writeString(cache, "{\"revision\": 3, \"tools\": [");
        CatalogClient client = CatalogClient.builder()
                .endpoints(URI.create("http://127.0.0.1:1"))
                .cacheFile(cache)
                .startTimeout(Duration.ofMillis(500))
                .build();

        assertThatThrownBy(client::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("could not be used")
                .hasMessageContaining(cache.toAbsolutePath().toString())
                .hasMessageNotContaining("there is no cache file");
    }

    private static java.util.List<String> consumerIds(Node node) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(node.baseUrl() + "/api/v1/cluster/consumers"))
                                .header("Authorization", "Bearer " + TestNodes.EDITOR_TOKEN)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(response.body()).path("consumers").findValuesAsText("consumer_id");
    }
}
