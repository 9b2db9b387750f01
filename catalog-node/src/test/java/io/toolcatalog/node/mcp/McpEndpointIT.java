package io.toolcatalog.node.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.toolcatalog.node.client.NodeWrites;
import io.toolcatalog.node.testing.TestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /mcp} of a real two-node cluster through the official MCP Java SDK's client: the list, its
 * pages, changes made through the other node reaching the session as {@code tools/list_changed},
 * and {@code tools/call} refused.
 */
class McpEndpointIT {

    private static TestCluster cluster;

    private final List<McpSyncClient> clients = new ArrayList<>();

    @BeforeAll
    static void startCluster() {
        cluster = TestCluster.start("mcp", 2, Map.of("catalog.mcp.page-size", "2"));
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(McpSyncClient::closeGracefully);
    }

    private McpSyncClient client(List<List<McpSchema.Tool>> relists) {
        McpSyncClient client = McpClients.connect(cluster.node(1).baseUrl(), null, relists::add);
        clients.add(client);
        return client;
    }

    private static NodeWrites otherNode() {
        return new NodeWrites(cluster.node(2).baseUrl());
    }

    @Test
    void initializeNamesTheCatalogAndOffersListChanges() {
        McpSyncClient client = client(new CopyOnWriteArrayList<>());

        assertThat(client.getServerInfo().name()).isEqualTo("tool-catalog");
        assertThat(client.getServerCapabilities().tools().listChanged()).isTrue();
    }

    @Test
    void listsEnabledToolsInNameOrderPageByPageWithTheirMeta() {
        NodeWrites writes = otherNode();
        for (String name : List.of("pg-e", "pg-b", "pg-d", "pg-a", "pg-c")) {
            writes.create(name, 1000);
        }
        long revision = writes.disable("pg-d");
        cluster.awaitConverged(Duration.ofSeconds(5));
        McpSyncClient client = client(new CopyOnWriteArrayList<>());

        List<McpSchema.ListToolsResult> pages = McpClients.pages(client);

        assertThat(pages).allSatisfy(page -> assertThat(page.tools()).hasSizeLessThanOrEqualTo(2));
        assertThat(pages.size()).isGreaterThanOrEqualTo(3);
        assertThat(McpClients.names(client, "pg-")).containsExactly("pg-a", "pg-b", "pg-c", "pg-e");
        McpSchema.Tool a = pages.stream()
                .flatMap(page -> page.tools().stream())
                .filter(tool -> tool.name().equals("pg-a"))
                .findFirst()
                .orElseThrow();
        assertThat(a.description()).isEqualTo("created");
        assertThat(a.inputSchema()).containsEntry("type", "object");
        assertThat(a.meta())
                .containsEntry("version", 1)
                .containsEntry("profiles", List.of("default"))
                .containsEntry("category", "search")
                .containsEntry("tags", List.of("it"));
        assertThat(((Number) a.meta().get("revision")).longValue()).isGreaterThanOrEqualTo(revision);
    }

    @Test
    void aToolsOwnInputSchemaIsItsInputSchema() {
        otherNode().createWithInputSchema("is-grep", "{\"type\": \"object\", \"required\": [\"pattern\"]}");
        cluster.awaitConverged(Duration.ofSeconds(5));

        McpSchema.Tool grep = McpClients.pages(client(new CopyOnWriteArrayList<>())).stream()
                .flatMap(page -> page.tools().stream())
                .filter(tool -> tool.name().equals("is-grep"))
                .findFirst()
                .orElseThrow();

        assertThat(grep.inputSchema()).containsEntry("required", List.of("pattern"));
    }

    @Test
    void aChangeThroughAnotherNodeTellsTheSessionAndTheReListShowsIt() {
        List<List<McpSchema.Tool>> relists = new CopyOnWriteArrayList<>();
        McpSyncClient client = client(relists);
        assertThat(McpClients.names(client, "lc-")).isEmpty();

        otherNode().create("lc-new", 1000);

        await().atMost(Duration.ofSeconds(5)).until(() -> relists.stream()
                .anyMatch(list -> list.stream().anyMatch(tool -> tool.name().equals("lc-new"))));
        assertThat(McpClients.names(client, "lc-")).containsExactly("lc-new");
    }

    @Test
    void aDisabledToolLeavesTheList() {
        NodeWrites writes = otherNode();
        writes.create("dis-a", 1000);
        List<List<McpSchema.Tool>> relists = new CopyOnWriteArrayList<>();
        McpSyncClient client = client(relists);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> McpClients.names(client, "dis-").contains("dis-a"));
        int before = relists.size();

        writes.disable("dis-a");

        await().atMost(Duration.ofSeconds(5)).until(() -> relists.size() > before);
        assertThat(relists.get(relists.size() - 1))
                .noneMatch(tool -> tool.name().equals("dis-a"));
        assertThat(McpClients.names(client, "dis-")).isEmpty();
    }

    @Test
    void callingAToolIsAClearError() {
        McpSyncClient client = client(new CopyOnWriteArrayList<>());

        assertThatThrownBy(() -> client.callTool(new McpSchema.CallToolRequest("grep", Map.of())))
                .isInstanceOf(McpError.class)
                .hasMessageContaining("describes tools and does not run them");
    }
}
