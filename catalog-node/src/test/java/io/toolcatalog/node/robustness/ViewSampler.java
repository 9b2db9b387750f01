package io.toolcatalog.node.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolcatalog.core.cohort.ConsumerIdentity;
import io.toolcatalog.core.reload.AppliedCatalog;
import io.toolcatalog.core.reload.CatalogSnapshot;
import io.toolcatalog.core.reload.ConsumerView;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.tool.ToolJson;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Looks at one node's snapshot every few milliseconds and records, for each of a fixed set of
 * consumers, the view that node would answer it with ({@code snapshot().view(identity)}): the
 * revision, the view's name and rollouts, and its tools in the API's shape. A view's tools are
 * rendered once per view object (the node caches one per snapshot and view).
 */
final class ViewSampler implements AutoCloseable {

    /** Consumers with ids and labels (eu/us, stage a/b), one without labels, and one anonymous. */
    static final List<ConsumerIdentity> CONSUMERS = List.of(
            new ConsumerIdentity("svc-eu-a", Map.of("region", "eu", "stage", "a")),
            new ConsumerIdentity("svc-eu-b", Map.of("region", "eu", "stage", "b")),
            new ConsumerIdentity("svc-us-a", Map.of("region", "us", "stage", "a")),
            new ConsumerIdentity("svc-us-b", Map.of("region", "us", "stage", "b")),
            new ConsumerIdentity("batch-eu", Map.of("region", "eu")),
            new ConsumerIdentity("batch-7", Map.of()),
            new ConsumerIdentity("pipeline/42@ci", Map.of("stage", "a")),
            ConsumerIdentity.ANONYMOUS);

    /** What the node would have answered consumer {@code consumer} (an index into {@link #CONSUMERS}). */
    record Sample(
            int consumer, double atMs, long revision, String view, List<Long> rollouts, Map<String, JsonNode> tools) {}

    private final AppliedCatalog catalog;
    private final ToolJson json;
    private final Recorder clock;
    private final TimedRecords<Sample> samples = new TimedRecords<>("view-sampler", Duration.ofSeconds(10));
    private CatalogSnapshot last;
    private Map<CatalogSnapshot, Map<String, JsonNode>> rendered = new IdentityHashMap<>();

    ViewSampler(AppliedCatalog catalog, ToolJson json, Recorder clock) {
        this.catalog = catalog;
        this.json = json;
        this.clock = clock;
    }

    void start() {
        samples.start(this::sample, 0, 15);
    }

    private void sample() {
        CatalogSnapshot snapshot = catalog.snapshot();
        if (snapshot == last) {
            return;
        }
        last = snapshot;
        Map<CatalogSnapshot, Map<String, JsonNode>> now = new IdentityHashMap<>();
        double at = clock.now();
        for (int i = 0; i < CONSUMERS.size(); i++) {
            ConsumerView view = snapshot.view(CONSUMERS.get(i));
            Map<String, JsonNode> tools =
                    now.computeIfAbsent(view.snapshot(), s -> rendered.containsKey(s) ? rendered.get(s) : render(s));
            samples.add(new Sample(i, at, snapshot.revision(), view.name(), view.rolloutIds(), tools));
        }
        rendered = now;
    }

    private Map<String, JsonNode> render(CatalogSnapshot snapshot) {
        Map<String, JsonNode> tools = new TreeMap<>();
        for (Tool tool : snapshot.tools()) {
            tools.put(tool.name(), ToolDocuments.normalize(ToolDocuments.parse(json.writeTool(tool))));
        }
        return Collections.unmodifiableMap(tools);
    }

    List<Sample> samples() {
        return samples.all();
    }

    @Override
    public void close() {
        samples.close();
    }
}
