package io.toolcatalog.node.robustness;

import io.toolcatalog.testsupport.NodeProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * One client thread: sends {@link Workload} requests to random nodes until its deadline or its
 * operation budget, and records each with its answer. Reads may carry
 * {@code X-Catalog-Min-Revision} set to the highest revision this client saw acknowledged.
 */
final class RandomClient implements Runnable {

    /** Longer than any bounded wait a node may make (min-revision waits, connection timeouts). */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    private final int index;
    private final List<NodeProcess> nodes;
    private final Recorder recorder;
    private final Workload workload;
    private final Random random;
    private final String token;
    private final double deadlineMs;
    private final int maxOperations;
    private long seenRevision;

    RandomClient(
            int index,
            long seed,
            List<NodeProcess> nodes,
            Recorder recorder,
            RobustnessSettings settings,
            String token,
            int maxOperations) {
        this.index = index;
        this.nodes = nodes;
        this.recorder = recorder;
        this.random = new Random(seed);
        this.workload = new Workload(random, settings.toolNames(), index);
        this.token = token;
        this.deadlineMs = settings.duration().toMillis();
        this.maxOperations = maxOperations;
    }

    @Override
    public void run() {
        for (int i = 0; i < maxOperations && recorder.now() < deadlineMs; i++) {
            send(workload.next());
        }
    }

    private void send(Workload.Request request) {
        NodeProcess.Lease lease = pickNode().lease();
        Long minRevision =
                request.kind().isRead() && seenRevision > 0 && workload.withMinRevision() ? seenRevision : null;
        HttpRequest.Builder http = HttpRequest.newBuilder(
                        URI.create(lease.node().baseUrl() + request.path()))
                .timeout(REQUEST_TIMEOUT);
        if (request.kind().isRead()) {
            http.GET();
        } else {
            http.header("Authorization", "Bearer " + token);
            http.method(
                    request.method(),
                    request.body() == null
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(request.body()));
            if (request.body() != null) {
                http.header("Content-Type", "application/json");
            }
        }
        if (minRevision != null) {
            http.header("X-Catalog-Min-Revision", String.valueOf(minRevision));
        }
        long id = recorder.nextId();
        double start = recorder.now();
        HttpResponse<String> response = null;
        String error = null;
        try {
            response = lease.http().send(http.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            error = "timeout after " + REQUEST_TIMEOUT.toSeconds() + " s";
        } catch (IOException e) {
            error = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        double end = recorder.now();
        Long revision = response == null
                ? null
                : response.headers()
                        .firstValue("X-Catalog-Revision")
                        .map(Long::valueOf)
                        .orElse(null);
        if (response != null && response.statusCode() / 100 == 2 && revision != null) {
            seenRevision = Math.max(seenRevision, revision);
        }
        recorder.record(new Operation(
                id,
                index,
                lease.node().id(),
                lease.lifetime(),
                request.kind(),
                request.method(),
                request.path(),
                request.tool(),
                request.body(),
                minRevision,
                start,
                end,
                response == null ? 0 : response.statusCode(),
                response == null
                        ? null
                        : response.headers().firstValue("Content-Type").orElse(null),
                response == null
                        ? null
                        : response.headers().firstValue("Retry-After").orElse(null),
                revision,
                response == null ? null : response.body(),
                error,
                lease.disturbed()));
    }

    /** A random node; one known to be down is passed over for a random live one. */
    private NodeProcess pickNode() {
        NodeProcess node = nodes.get(workload.nextNodeIndex(nodes.size()));
        if (node.isUp()) {
            return node;
        }
        List<NodeProcess> live = nodes.stream().filter(NodeProcess::isUp).toList();
        return live.isEmpty() ? node : live.get(random.nextInt(live.size()));
    }
}
