package io.toolcatalog.node.catalog;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.toolcatalog.core.history.ReloadEvent;
import io.toolcatalog.core.history.ReloadEventListener;
import io.toolcatalog.core.reload.CatalogReloader;
import java.time.Duration;

/**
 * Reload metrics for Prometheus, in base units: {@code catalog_reload_duration_seconds} by trigger,
 * kind and outcome; {@code catalog_reload_propagation_seconds} from a change's commit to its apply
 * here (the swap); and, read from the reloader, {@code catalog_revision_applied}, {@code catalog_revision_lag},
 * {@code catalog_snapshot_repairs_total} and {@code catalog_reload_reports_folded_total}.
 */
final class ReloadMetrics implements ReloadEventListener {

    private final MeterRegistry registry;
    private final Timer propagation;

    ReloadMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.propagation = Timer.builder("catalog.reload.propagation")
                .description("Time from a change's commit to its apply on this node")
                .publishPercentiles(0.5, 0.99)
                .publishPercentileHistogram()
                .register(registry);
    }

    /**
     * The meters read from the reloader. Micrometer holds a gauge's object weakly, so it must be one
     * that lives as long as the node: the reloader bean itself (an object nothing else holds would
     * be collected, and the gauge would read NaN).
     */
    static void bind(CatalogReloader reloader, MeterRegistry registry) {
        Gauge.builder("catalog.revision.applied", reloader, CatalogReloader::applied)
                .description("The catalog revision this node serves")
                .strongReference(true)
                .register(registry);
        Gauge.builder("catalog.revision.lag", reloader, CatalogReloader::lag)
                .description("Revisions the database was ahead of this node when last looked at")
                .strongReference(true)
                .register(registry);
        FunctionCounter.builder("catalog.snapshot.repairs", reloader, CatalogReloader::repairs)
                .description("Snapshots found to differ from the database at their own revision, and reloaded")
                .register(registry);
        FunctionCounter.builder("catalog.reload.reports.folded", reloader, CatalogReloader::reportsFolded)
                .description("Reload events dropped because the reports of swaps fell behind (handlers heard of"
                        + " several swaps as one)")
                .register(registry);
    }

    @Override
    public void onReloadEvent(ReloadEvent event) {
        Timer.builder("catalog.reload.duration")
                .description("Reloads this node performed")
                .tag("trigger", event.trigger().value())
                .tag("kind", event.kind().value())
                .tag("outcome", event.success() ? "success" : "failure")
                .register(registry)
                .record(Duration.ofNanos((long) (event.durationMs() * 1_000_000)));
        if (event.propagationMs() != null) {
            propagation.record(Duration.ofNanos((long) (event.propagationMs() * 1_000_000)));
        }
    }
}
