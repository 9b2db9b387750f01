package io.toolcatalog.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongFunction;
import java.util.function.LongUnaryOperator;

/**
 * A stand-in for a catalog node that serves scripted Server-Sent Events (and {@code /profiles},
 * and takes outcome reports), so the client's side of the protocol can be tested without a
 * cluster. It records every request, bodies included.
 */
final class ScriptedNode implements AutoCloseable {

    /** One request the node received. */
    record ScriptedRequest(String method, String path, String query, Map<String, List<String>> headers, String body) {

        /** The {@code since} of a watch request, or -1 without one. */
        long since() {
            if (query == null || !query.startsWith("since=")) {
                return -1;
            }
            return Long.parseLong(query.substring("since=".length()));
        }

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    private final int port;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<OutputStream> streams = new CopyOnWriteArrayList<>();
    private final List<ScriptedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private volatile LongFunction<String> onWatch = since -> "";
    private volatile LongUnaryOperator watchStatus = since -> 200;
    private volatile String profilesBody;
    private volatile String view;
    private volatile long viewRevision = -1;
    private volatile int reportStatus = 202;
    private HttpServer server;

    private ScriptedNode(int port) {
        this.port = port;
    }

    /** A node on a free port, running. */
    static ScriptedNode start() {
        return on(0);
    }

    /** A node on {@code port} (0 for any), running. */
    static ScriptedNode on(int port) {
        ScriptedNode node = new ScriptedNode(port);
        node.up();
        return node;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** What a new watch stream gets first, by its {@code since} (-1 without one). */
    ScriptedNode onWatch(LongFunction<String> events) {
        this.onWatch = events;
        return this;
    }

    /** Answers watch requests with this status (503: the node refuses streams). */
    ScriptedNode watchStatus(int status) {
        return watchStatus(since -> status);
    }

    /** Answers watch requests with a status that depends on their {@code since} (-1 without one). */
    ScriptedNode watchStatus(LongUnaryOperator status) {
        this.watchStatus = status;
        return this;
    }

    /** What {@code /profiles} answers (its ETag is the revision in it). */
    ScriptedNode profiles(Profiles profiles) {
        this.profilesBody = json(profiles);
        return this;
    }

    /**
     * Names the consumer's view ({@code X-Catalog-View}) on the streams and {@code /profiles}
     * answered from now on, with {@code revision} as the stream's {@code X-Catalog-Revision}.
     */
    ScriptedNode view(String view, long revision) {
        this.viewRevision = revision;
        this.view = view;
        return this;
    }

    /** Answers outcome reports with this status (202 until told otherwise). */
    ScriptedNode reportStatus(int status) {
        this.reportStatus = status;
        return this;
    }

    /** The bodies of the outcome reports answered 2xx, as JSON. */
    List<JsonNode> acceptedReports() {
        return accepted.stream()
                .map(body -> {
                    try {
                        return Json.MAPPER.readTree(body);
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    List<ScriptedRequest> reportRequests() {
        return requests.stream()
                .filter(r -> r.path().endsWith("/consumers/reports"))
                .toList();
    }

    /** Writes raw SSE text to every open stream. */
    void emit(String events) {
        for (OutputStream out : streams) {
            try {
                synchronized (out) {
                    out.write(events.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (IOException e) {
                streams.remove(out);
            }
        }
    }

    int openStreams() {
        return streams.size();
    }

    /** Ends every open stream, as a node that stops does. */
    void endStreams() {
        for (OutputStream out : new ArrayList<>(streams)) {
            streams.remove(out);
            try {
                out.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }

    List<ScriptedRequest> requests() {
        return List.copyOf(requests);
    }

    List<ScriptedRequest> watchRequests() {
        return requests.stream().filter(r -> r.path().endsWith("/watch")).toList();
    }

    @Override
    public void close() {
        endStreams();
        if (server != null) {
            server.stop(0);
        }
        executor.shutdownNow();
    }

    private void up() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/api/v1/watch", this::watch);
        server.createContext("/api/v1/profiles", this::profiles);
        server.createContext("/api/v1/consumers/reports", this::reports);
        server.start();
    }

    private void reports(HttpExchange exchange) throws IOException {
        int status = reportStatus;
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new ScriptedRequest(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getQuery(),
                Map.copyOf(exchange.getRequestHeaders()),
                body));
        if (status / 100 == 2) {
            accepted.add(body);
        }
        byte[] answer = status / 100 == 2
                ? "{\"accepted\": 1}".getBytes(StandardCharsets.UTF_8)
                : "{\"detail\": \"scripted\"}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    private void named(HttpExchange exchange) {
        String named = view;
        if (named != null) {
            exchange.getResponseHeaders().add("X-Catalog-View", named);
        }
        if (viewRevision >= 0) {
            exchange.getResponseHeaders().add("X-Catalog-Revision", Long.toString(viewRevision));
        }
    }

    private void watch(HttpExchange exchange) throws IOException {
        ScriptedRequest request = record(exchange);
        int status = (int) watchStatus.applyAsLong(request.since());
        if (status != 200) {
            exchange.getResponseHeaders().add("Retry-After", "2");
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        named(exchange);
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        // open before the first events go out: a test that saw them may emit more at once
        synchronized (out) {
            streams.add(out);
            out.write(onWatch.apply(request.since()).getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private void profiles(HttpExchange exchange) throws IOException {
        ScriptedRequest request = record(exchange);
        String body = profilesBody;
        if (body == null) {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
            return;
        }
        String etag = "\"r" + Json.MAPPER.readTree(body).path("revision").asLong() + "\"";
        exchange.getResponseHeaders().add("ETag", etag);
        named(exchange);
        if (etag.equals(request.header("If-None-Match"))) {
            exchange.sendResponseHeaders(304, -1);
            exchange.close();
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private ScriptedRequest record(HttpExchange exchange) {
        ScriptedRequest request = new ScriptedRequest(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getQuery(),
                Map.copyOf(exchange.getRequestHeaders()),
                null);
        requests.add(request);
        return request;
    }

    // ---- event text, as a node writes it

    static String snapshot(long revision, CatalogTool... tools) {
        return event("snapshot", revision, json(new Json.Snapshot(revision, List.of(tools))));
    }

    static String change(long from, long revision, List<CatalogTool> changed, List<String> removed) {
        return event("change", revision, json(new Json.ChangeJson(from, revision, changed, removed)));
    }

    /** A change event as a node with rollouts writes it: its operation and, when given, the consumer's view. */
    static String change(
            long from, long revision, List<CatalogTool> changed, List<String> removed, String operation, String view) {
        return event("change", revision, json(new Json.ChangeJson(from, revision, changed, removed, operation, view)));
    }

    static String progress(long revision) {
        return "event: progress\ndata: " + json(new Json.Progress(revision)) + "\n\n";
    }

    static CatalogTool tool(String name, int version, long revision, boolean enabled, int timeoutMs) {
        ToolProfile profile = new ToolProfile(timeoutMs, 2, 0.2, 0.5, 0.3, Map.of("flags", "-n"));
        return new CatalogTool(
                name,
                "tool " + name,
                "search",
                List.of("text"),
                enabled,
                Map.of("default", profile),
                null,
                null,
                version,
                revision);
    }

    private static String event(String type, long id, String data) {
        return "event: " + type + "\nid: " + id + "\ndata: " + data + "\n\n";
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
