package io.toolcatalog.node.robustness;

import io.toolcatalog.core.cohort.ConsumerIdentity;
import io.toolcatalog.testsupport.NodeProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * Reads the catalog over HTTP as the {@link ViewSampler#CONSUMERS}: every 40 ms or so a random one
 * of them asks a random live node for one tool or the list, naming itself in
 * {@code X-Catalog-Consumer} and {@code X-Catalog-Consumer-Labels}. Each answer is kept with the
 * revision and view it names, for {@link ConsumerReadsCheck}.
 */
final class ConsumerReader implements AutoCloseable {

    /** One read and its answer; {@code tool} null for the list. */
    record Read(
            int consumer, String node, String tool, double atMs, int status, Long revision, String view, String body) {}

    private final List<NodeProcess> nodes;
    private final Recorder clock;
    private final Random random;
    private final int toolNames;
    private final TimedRecords<Read> reads = new TimedRecords<>("consumer-reader", Duration.ofSeconds(30));

    ConsumerReader(List<NodeProcess> nodes, Recorder clock, long seed, int toolNames) {
        this.nodes = nodes;
        this.clock = clock;
        this.random = new Random(seed);
        this.toolNames = toolNames;
    }

    void start() {
        reads.start(this::read, 200, 40);
    }

    private void read() {
        List<NodeProcess> live = nodes.stream().filter(NodeProcess::isUp).toList();
        if (live.isEmpty()) {
            return;
        }
        NodeProcess.Lease lease = live.get(random.nextInt(live.size())).lease();
        int consumer = random.nextInt(ViewSampler.CONSUMERS.size());
        ConsumerIdentity who = ViewSampler.CONSUMERS.get(consumer);
        String tool = random.nextInt(3) == 0 ? null : "t" + random.nextInt(toolNames);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
                        lease.node().baseUrl() + (tool == null ? "/api/v1/tools?limit=1000" : "/api/v1/tools/" + tool)))
                .timeout(RecordedRequest.TIMEOUT)
                .GET();
        if (!who.anonymous()) {
            request.header(ConsumerIdentity.ID_HEADER, who.id());
            if (!who.labels().isEmpty()) {
                request.header(ConsumerIdentity.LABELS_HEADER, who.labelsHeader());
            }
        }
        double at = clock.now();
        try {
            HttpResponse<String> response = lease.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
            String revision =
                    response.headers().firstValue("X-Catalog-Revision").orElse(null);
            reads.add(new Read(
                    consumer,
                    lease.node().id(),
                    tool,
                    at,
                    response.statusCode(),
                    revision == null ? null : Long.valueOf(revision),
                    response.headers().firstValue("X-Catalog-View").orElse(null),
                    response.body()));
        } catch (IOException e) {
            // a node killed or restarting: nothing to check
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    List<Read> reads() {
        return reads.all();
    }

    @Override
    public void close() {
        reads.close();
    }
}
