package io.toolcatalog.node.client;

import io.toolcatalog.node.testing.TestNodes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Writes through one node's HTTP API, as a pipeline's operator would; each returns the revision the node answered with. */
public final class NodeWrites {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    public NodeWrites(String base) {
        this.base = base + "/api/v1/tools";
    }

    public long create(String name, int timeoutMs) {
        return send(
                "POST",
                "",
                """
                {"name": "%s", "description": "created", "category": "search", "tags": ["it"],
                 "profiles": {"default": {"timeout_ms": %d, "max_retries": 2, "parameters": {"flags": "-n"}}}}
                """
                        .formatted(name, timeoutMs),
                201);
    }

    /** A tool with an {@code input_schema} (a JSON document as text). */
    public long createWithInputSchema(String name, String inputSchema) {
        return send(
                "POST",
                "",
                "{\"name\": \"%s\", \"description\": \"d\", \"input_schema\": %s}".formatted(name, inputSchema),
                201);
    }

    public long describe(String name, String description) {
        return send("PUT", "/" + name, "{\"description\": \"" + description + "\"}", 200);
    }

    public long disable(String name) {
        return send("PATCH", "/" + name + "/disable", null, 200);
    }

    public long delete(String name) {
        return send("DELETE", "/" + name, null, 200);
    }

    private long send(String method, String path, String json, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + TestNodes.EDITOR_TOKEN)
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(
                        method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return Long.parseLong(
                    response.headers().firstValue("X-Catalog-Revision").orElseThrow());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
