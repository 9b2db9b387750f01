package io.toolcatalog.node.robustness;

import io.toolcatalog.testsupport.NodeProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Server-Sent Events watcher on its own thread: connects to its home node (another one while
 * that is down), records every event, and when the stream ends (its node killed) connects again —
 * resuming with {@code Last-Event-ID} if {@code resumes}, else starting over with a snapshot.
 */
final class SseWatcher extends ThreadedWatcher {

    private final List<NodeProcess> nodes;
    private final int home;
    private final boolean resumes;
    private final Set<String> filter;
    private volatile InputStream body;
    private Long lastId;

    SseWatcher(String name, List<NodeProcess> nodes, int home, boolean resumes, Set<String> filter, Recorder clock) {
        super(name, clock);
        this.nodes = nodes;
        this.home = home;
        this.resumes = resumes;
        this.filter = filter == null ? null : new TreeSet<>(filter);
    }

    @Override
    public Set<String> filter() {
        return filter;
    }

    @Override
    protected boolean follow() {
        NodeProcess node = pickNode();
        if (node != null) {
            follow(node);
        }
        return false;
    }

    private NodeProcess pickNode() {
        for (int i = 0; i < nodes.size(); i++) {
            NodeProcess node = nodes.get((home + i) % nodes.size());
            if (node.isUp()) {
                return node;
            }
        }
        return null;
    }

    private void follow(NodeProcess node) {
        Long since = resumes ? lastId : null;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.baseUrl() + "/api/v1/watch" + query()))
                .header("Accept", "text/event-stream")
                .header("X-Catalog-Consumer", "checker-" + name);
        if (since != null) {
            request.header("Last-Event-ID", String.valueOf(since));
        }
        saw(WatchEvent.open(name, node.id(), since, clock.now()));
        String why;
        try {
            HttpResponse<InputStream> response =
                    node.lease().http().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            body = response.body();
            if (response.statusCode() != 200) {
                body.close();
                why = "status " + response.statusCode();
            } else {
                read(node, body);
                why = "stream ended";
            }
        } catch (IOException e) {
            why = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why = "interrupted";
        }
        saw(WatchEvent.closed(name, node.id(), why, clock.now()));
    }

    private String query() {
        if (filter == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        filter.forEach(tool -> parts.add("tool=" + URLEncoder.encode(tool, StandardCharsets.UTF_8)));
        return "?" + String.join("&", parts);
    }

    private void read(NodeProcess node, InputStream in) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String type = "message";
        StringBuilder data = new StringBuilder();
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    received(node, type, data.toString());
                }
                type = "message";
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                type = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5).trim());
            }
        }
    }

    private void received(NodeProcess node, String type, String data) {
        WatchEvent event = WatchEvents.parse(name, node.id(), type, ToolDocuments.parse(data), clock.now(), data);
        saw(event);
        if (event.type().equals(WatchEvent.SNAPSHOT) || event.type().equals(WatchEvent.CHANGE)) {
            lastId = event.revision();
        }
    }

    @Override
    protected void interrupt() {
        InputStream current = body;
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
