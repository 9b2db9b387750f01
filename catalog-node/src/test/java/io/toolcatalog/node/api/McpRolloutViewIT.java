package io.toolcatalog.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.toolcatalog.core.cohort.ActiveRollout;
import io.toolcatalog.core.reload.AppliedCatalog;
import io.toolcatalog.core.rollout.Rollout;
import io.toolcatalog.core.rollout.Rollouts;
import io.toolcatalog.node.mcp.McpClients;
import io.toolcatalog.node.testing.TestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code tools/list} over MCP answers in the caller's view, like every read: a consumer named by
 * {@code X-Catalog-Consumer} in a rollout's cohort lists the candidate, one outside does not, and
 * both are told {@code tools/list_changed} when the rollout moves.
 */
class McpRolloutViewIT {

    static TestCluster cluster;
    static ChangeRequestCalls calls;

    final List<McpSyncClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() {
        cluster = TestCluster.start("mcp-views", 2, ChangeRequestCalls.people());
        calls = new ChangeRequestCalls(new Api(cluster.node(1).port()));
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(McpSyncClient::closeGracefully);
    }

    private McpSyncClient client(Map<String, String> headers, List<List<McpSchema.Tool>> relists) {
        McpSyncClient client = McpClients.connect(cluster.node(2).baseUrl(), null, headers, relists::add);
        clients.add(client);
        return client;
    }

    @Test
    void aConsumerInTheCohortListsTheCandidateAndOneOutsideDoesNot() {
        long cr = calls.approved("mcp rollout", "mcp-new", 800);
        Rollout rollout = cluster.bean(1, Rollouts.class).start(cr, RolloutCoreIT.plan(50, 100), RolloutCoreIT.BOB);
        await().atMost(RolloutCoreIT.WITHIN)
                .until(() -> cluster.bean(2, AppliedCatalog.class).applied() >= rollout.revision());
        List<String> consumers =
                IntStream.range(0, 50).mapToObj(i -> "agent-" + i).toList();
        String in = consumers.stream()
                .filter(c -> ActiveRollout.bucket(rollout.id(), c) < 5000)
                .findFirst()
                .orElseThrow();
        String out = consumers.stream()
                .filter(c -> ActiveRollout.bucket(rollout.id(), c) >= 5000)
                .findFirst()
                .orElseThrow();
        List<List<McpSchema.Tool>> relists = new CopyOnWriteArrayList<>();
        McpSyncClient cohort = client(Map.of("X-Catalog-Consumer", in), relists);
        McpSyncClient control = client(Map.of("X-Catalog-Consumer", out), new CopyOnWriteArrayList<>());
        McpSyncClient anonymous = client(Map.of(), new CopyOnWriteArrayList<>());

        assertThat(McpClients.names(cohort, "mcp-")).containsExactly("mcp-new");
        assertThat(McpClients.pages(cohort).get(0).meta()).containsEntry("view", "rollout=" + rollout.id());
        assertThat(McpClients.names(control, "mcp-")).isEmpty();
        assertThat(McpClients.pages(control).get(0).meta()).containsEntry("view", "stable");
        assertThat(McpClients.names(anonymous, "mcp-")).isEmpty();

        cluster.bean(1, Rollouts.class).abort(rollout.id(), "bob", "mcp test over");

        await().atMost(Duration.ofSeconds(10)).until(() -> relists.stream()
                .anyMatch(list -> list.stream().noneMatch(t -> t.name().equals("mcp-new"))));
        assertThat(McpClients.names(cohort, "mcp-")).isEmpty();
    }

    @Test
    void aBadLabelsHeaderFailsTheListNamingIt() {
        McpSyncClient client = client(
                Map.of("X-Catalog-Consumer", "agent-x", "X-Catalog-Consumer-Labels", "Region!=eu"),
                new CopyOnWriteArrayList<>());

        assertThatThrownBy(() -> client.listTools(null))
                .isInstanceOf(McpError.class)
                .hasMessageContaining("X-Catalog-Consumer-Labels");
    }
}
