package io.toolcatalog.node.catalog;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.toolcatalog.core.history.HistorySink;
import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.reload.ReloadEvent;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Reload metrics for Prometheus: duration by trigger, kind and outcome; propagation from commit to
 * apply; the applied revision and the lag behind the database.
 */
@Component
class ReloadMetrics implements HistorySink {

    private final MeterRegistry registry;
    private final DistributionSummary propagation;

    ReloadMetrics(MeterRegistry registry, ObjectProvider<CatalogReloader> reloader) {
        this.registry = registry;
        this.propagation = DistributionSummary.builder("catalog.reload.propagation")
                .description("Time from a change's commit to its apply on this node")
                .baseUnit("milliseconds")
                .publishPercentiles(0.5, 0.99)
                .publishPercentileHistogram()
                .register(registry);
        Gauge.builder("catalog.revision.applied", reloader, r -> r.getObject().applied())
                .description("The catalog revision this node serves")
                .register(registry);
        Gauge.builder("catalog.revision.lag", reloader, r -> r.getObject().lag())
                .description("Revisions the database was ahead of this node when last looked at")
                .register(registry);
    }

    @Override
    public void append(ReloadEvent event) {
        Timer.builder("catalog.reload.duration")
                .description("Reloads this node performed")
                .tag("trigger", event.trigger().value())
                .tag("kind", event.kind().value())
                .tag("outcome", event.success() ? "success" : "failure")
                .register(registry)
                .record(Duration.ofNanos((long) (event.durationMs() * 1_000_000)));
        if (event.propagationMs() != null) {
            propagation.record(event.propagationMs());
        }
    }
}
