package io.toolcatalog.node.mcp;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** MCP clients of the official SDK (Streamable HTTP) against a node's {@code /mcp}, and raw requests to it. */
public final class McpClients {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private McpClients() {}

    /** An initialized client; {@code token} may be null; {@code onListChanged} hears each re-list. */
    static McpSyncClient connect(String baseUrl, String token, Consumer<List<McpSchema.Tool>> onListChanged) {
        return connect(baseUrl, token, Map.of(), onListChanged);
    }

    /** An initialized client sending {@code headers} with every request. */
    public static McpSyncClient connect(
            String baseUrl, String token, Map<String, String> headers, Consumer<List<McpSchema.Tool>> onListChanged) {
        HttpRequest.Builder request = HttpRequest.newBuilder();
        headers.forEach(request::header);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(baseUrl)
                        .endpoint("/mcp")
                        .requestBuilder(request)
                        .build())
                .requestTimeout(Duration.ofSeconds(10))
                .toolsChangeConsumer(onListChanged)
                .build();
        client.initialize();
        return client;
    }

    /** Every page of {@code tools/list}, followed by cursor. */
    public static List<McpSchema.ListToolsResult> pages(McpSyncClient client) {
        List<McpSchema.ListToolsResult> pages = new ArrayList<>();
        String cursor = null;
        do {
            McpSchema.ListToolsResult page = client.listTools(cursor);
            pages.add(page);
            cursor = page.nextCursor();
        } while (cursor != null);
        return pages;
    }

    public static List<String> names(McpSyncClient client, String prefix) {
        return pages(client).stream()
                .flatMap(page -> page.tools().stream())
                .map(McpSchema.Tool::name)
                .filter(name -> name.startsWith(prefix))
                .toList();
    }

    /** A raw {@code initialize} POST, as an agent runtime sends it. */
    static HttpResponse<String> rawInitialize(String baseUrl, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/mcp"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(
                        HttpRequest.BodyPublishers.ofString(
                                """
                        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
                         "capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}
                        """));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
