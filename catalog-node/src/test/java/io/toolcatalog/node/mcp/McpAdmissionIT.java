package io.toolcatalog.node.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.client.McpSyncClient;
import io.toolcatalog.node.testing.TestNodes;
import io.toolcatalog.node.testing.TestNodes.Node;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /mcp} keeps the reads' security and the watch stream's admission: on a node whose reads
 * need a token, a session needs one too; past {@code catalog.mcp.max-sessions} an
 * {@code initialize} gets 503 problem+json, and a closed session frees its place.
 */
class McpAdmissionIT {

    private static Node node;

    private final List<McpSyncClient> clients = new ArrayList<>();

    @BeforeAll
    static void startNode() {
        node = TestNodes.alone(
                "mcp-admission",
                Map.of("catalog.security.reads-require-token", "true", "catalog.mcp.max-sessions", "2"));
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(McpSyncClient::closeGracefully);
    }

    private McpSyncClient connect(String token) {
        McpSyncClient client = McpClients.connect(node.baseUrl(), token, tools -> {});
        clients.add(client);
        return client;
    }

    @Test
    void aSessionNeedsATokenWhenReadsDo() throws Exception {
        HttpResponse<String> anonymous = McpClients.rawInitialize(node.baseUrl(), null);
        HttpResponse<String> wrong = McpClients.rawInitialize(node.baseUrl(), "not-a-token");

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
        assertThat(anonymous.body()).contains("needs a bearer token");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThatThrownBy(() -> connect(null)).isInstanceOf(RuntimeException.class);
        assertThat(connect(TestNodes.READER_TOKEN).listTools(null).tools()).isNotNull();
    }

    @Test
    void sessionsPastTheBoundAreRefusedUntilOneCloses() throws Exception {
        McpSyncClient first = connect(TestNodes.READER_TOKEN);
        connect(TestNodes.READER_TOKEN);

        HttpResponse<String> refused = McpClients.rawInitialize(node.baseUrl(), TestNodes.READER_TOKEN);

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(refused.body()).contains("as many MCP sessions as it allows");

        first.closeGracefully(); // DELETE: the session ends and frees its place
        clients.remove(first);
        assertThat(connect(TestNodes.READER_TOKEN).listTools(null)).isNotNull();
    }
}
