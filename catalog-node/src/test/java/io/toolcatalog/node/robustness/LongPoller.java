package io.toolcatalog.node.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolcatalog.testsupport.NodeProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * A watcher for proxies that break streams: one JSON long poll after another
 * ({@code since=R&wait=5s}, R the last event's revision; the first without {@code since}, which
 * answers a snapshot), each to a random live node. Every poll is a connection that resumes.
 */
final class LongPoller extends ThreadedWatcher {

    private static final String WAIT = "5s";

    private final List<NodeProcess> nodes;
    private final Random random;
    private Long since;

    LongPoller(String name, List<NodeProcess> nodes, long seed, Recorder clock) {
        super(name, clock);
        this.nodes = nodes;
        this.random = new Random(seed);
    }

    @Override
    protected boolean follow() {
        List<NodeProcess> live = nodes.stream().filter(NodeProcess::isUp).toList();
        return !live.isEmpty() && poll(live.get(random.nextInt(live.size())));
    }

    /** One poll; false when it failed (then the next one waits a little). */
    private boolean poll(NodeProcess node) {
        String query = since == null ? "?wait=" + WAIT : "?since=" + since + "&wait=" + WAIT;
        HttpRequest request = HttpRequest.newBuilder(URI.create(node.baseUrl() + "/api/v1/watch" + query))
                .header("Accept", "application/json")
                .header("X-Catalog-Consumer", "checker-" + name)
                .timeout(Duration.ofSeconds(20))
                .build();
        saw(WatchEvent.open(name, node.id(), since, clock.now()));
        try {
            HttpResponse<String> response = node.lease().http().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 204) {
                return true;
            }
            if (response.statusCode() != 200) {
                saw(WatchEvent.closed(name, node.id(), "status " + response.statusCode(), clock.now()));
                return false;
            }
            JsonNode body = ToolDocuments.parse(response.body());
            WatchEvent event =
                    WatchEvents.parse(name, node.id(), body.path("type").asText(), body, clock.now(), response.body());
            saw(event);
            since = event.revision();
            return true;
        } catch (IOException e) {
            saw(WatchEvent.closed(name, node.id(), e.toString(), clock.now()));
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
