package io.toolcatalog.node.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A watcher for proxies that break streams: one JSON long poll after another
 * ({@code since=R&wait=5s}, R the last event's revision; the first without {@code since}, which
 * answers a snapshot), each to a random live node. Every poll is a connection that resumes.
 */
final class LongPoller implements Watcher {

    private static final String WAIT = "5s";

    private final String name;
    private final List<NodeProcess> nodes;
    private final Recorder clock;
    private final Random random;
    private final List<WatchEvent> events = new CopyOnWriteArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;
    private Long since;

    LongPoller(String name, List<NodeProcess> nodes, long seed, Recorder clock) {
        this.name = name;
        this.nodes = nodes;
        this.clock = clock;
        this.random = new Random(seed);
        this.thread = new Thread(this::run, "watcher-" + name);
        thread.setDaemon(true);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> filter() {
        return null;
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
            List<NodeProcess> live = nodes.stream().filter(NodeProcess::isUp).toList();
            if (live.isEmpty() || !poll(live.get(random.nextInt(live.size())))) {
                pause();
            }
        }
    }

    /** One poll; false when it failed (then the next one waits a little). */
    private boolean poll(NodeProcess node) {
        String query = since == null ? "?wait=" + WAIT : "?since=" + since + "&wait=" + WAIT;
        HttpRequest request = HttpRequest.newBuilder(URI.create(node.baseUrl() + "/api/v1/watch" + query))
                .header("Accept", "application/json")
                .header("X-Catalog-Consumer", "checker-" + name)
                .timeout(Duration.ofSeconds(20))
                .build();
        events.add(WatchEvent.open(name, node.id(), since, clock.now()));
        try {
            HttpResponse<String> response = node.lease().http().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 204) {
                return true;
            }
            if (response.statusCode() != 200) {
                events.add(WatchEvent.closed(name, node.id(), "status " + response.statusCode(), clock.now()));
                return false;
            }
            JsonNode body = ToolDocuments.parse(response.body());
            WatchEvent event =
                    WatchEvents.parse(name, node.id(), body.path("type").asText(), body, clock.now(), response.body());
            events.add(event);
            since = event.revision();
            return true;
        } catch (IOException e) {
            events.add(WatchEvent.closed(name, node.id(), e.toString(), clock.now()));
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void pause() {
        try {
            stopped.await(200, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopped.countDown();
        thread.interrupt();
        try {
            thread.join(25_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
