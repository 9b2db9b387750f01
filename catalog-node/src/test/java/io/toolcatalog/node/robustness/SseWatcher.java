package io.toolcatalog.node.robustness;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A Server-Sent Events watcher on its own thread: connects to its home node (another one while
 * that is down), records every event, and when the stream ends (its node killed) connects again —
 * resuming with {@code Last-Event-ID} if {@code resumes}, else starting over with a snapshot.
 */
final class SseWatcher implements Watcher {

    private final String name;
    private final List<NodeProcess> nodes;
    private final int home;
    private final boolean resumes;
    private final Set<String> filter;
    private final Recorder clock;
    private final List<WatchEvent> events = new CopyOnWriteArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;
    private volatile InputStream body;
    private Long lastId;

    SseWatcher(String name, List<NodeProcess> nodes, int home, boolean resumes, Set<String> filter, Recorder clock) {
        this.name = name;
        this.nodes = nodes;
        this.home = home;
        this.resumes = resumes;
        this.filter = filter == null ? null : new TreeSet<>(filter);
        this.clock = clock;
        this.thread = new Thread(this::run, "watcher-" + name);
        thread.setDaemon(true);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> filter() {
        return filter;
    }

    @Override
    public UnaryOperator<JsonNode> shape() {
        return ToolDocuments::normalize;
    }

    @Override
    public List<WatchEvent> events() {
        return List.copyOf(events);
    }

    @Override
    public void start() {
        thread.start();
    }

    private void run() {
        while (stopped.getCount() > 0) {
            NodeProcess node = pickNode();
            if (node != null) {
                follow(node);
            }
            pause(200);
        }
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
        events.add(WatchEvent.open(name, node.id(), since, clock.now()));
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
        events.add(WatchEvent.closed(name, node.id(), why, clock.now()));
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
        events.add(event);
        if (event.type().equals(WatchEvent.SNAPSHOT) || event.type().equals(WatchEvent.CHANGE)) {
            lastId = event.revision();
        }
    }

    private void pause(long millis) {
        try {
            stopped.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopped.countDown();
        InputStream current = body;
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                // already closed
            }
        }
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
