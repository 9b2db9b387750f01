package io.toolcatalog.client.spring;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for a catalog node on 127.0.0.1: its watch stream opens with a snapshot holding one
 * tool and then stays open until the test emits a change or closes the node. It keeps the
 * headers of every watch request, and takes outcome reports (202), keeping their bodies.
 */
final class LoopbackNode implements AutoCloseable {

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<OutputStream> streams = new CopyOnWriteArrayList<>();
    private final List<Map<String, List<String>>> watchHeaders = new CopyOnWriteArrayList<>();
    private final List<String> reports = new CopyOnWriteArrayList<>();
    private final long revision;
    private final HttpServer server;

    private LoopbackNode(long revision) throws IOException {
        this.revision = revision;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/api/v1/watch", this::watch);
        server.createContext("/api/v1/consumers/reports", this::report);
        server.start();
    }

    /** A node whose catalog is the tool {@code grep} at {@code revision}. */
    static LoopbackNode at(long revision) {
        try {
            return new LoopbackNode(revision);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The first value of {@code name} in the first watch request. */
    String firstWatchHeader(String name) {
        return watchHeaders.get(0).entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0))
                .findFirst()
                .orElse(null);
    }

    /** The bodies of the outcome reports received, in order. */
    List<String> reports() {
        return List.copyOf(reports);
    }

    /** Sends every open stream a change from the node's revision to the next that adds {@code tool}. */
    void emitChangeAdding(String tool) throws IOException {
        String event = "event: change\nid: " + (revision + 1) + "\ndata: {\"from_revision\": " + revision
                + ", \"revision\": " + (revision + 1) + ", \"changed\": [" + tool(tool, revision + 1)
                + "], \"removed\": []}\n\n";
        for (OutputStream out : streams) {
            synchronized (out) {
                out.write(event.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
    }

    @Override
    public void close() {
        for (OutputStream out : streams) {
            try {
                out.close();
            } catch (IOException e) {
                // already gone
            }
        }
        server.stop(0);
        executor.shutdownNow();
    }

    private void watch(HttpExchange exchange) throws IOException {
        watchHeaders.add(Map.copyOf(exchange.getRequestHeaders()));
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().add("X-Catalog-Revision", Long.toString(revision));
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        synchronized (out) {
            streams.add(out);
            String snapshot = "event: snapshot\nid: " + revision + "\ndata: {\"revision\": " + revision
                    + ", \"tools\": [" + tool("grep", revision) + "]}\n\n";
            out.write(snapshot.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private void report(HttpExchange exchange) throws IOException {
        reports.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        byte[] answer = "{\"accepted\": 1}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(202, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    private static String tool(String name, long revision) {
        return """
                {"name": "%s", "description": "tool %s", "category": "search", "tags": [], "enabled": true,
                 "profiles": {}, "version": 1, "revision": %d}"""
                .formatted(name, name, revision)
                .replace("\n", "");
    }
}
