package io.toolcatalog.client.spring;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.toolcatalog.client.CatalogClient;

/**
 * The client's meters: {@code catalog.client.revision} (the revision held), {@code
 * catalog.client.lag} (the newest revision a node told of minus the one held; 0 while no node's
 * revision is known) and {@code catalog.client.reconnects} (streams opened after the first).
 */
public class CatalogClientMetrics implements MeterBinder {

    private final CatalogClient client;

    /**
     * Meters for {@code client}.
     *
     * @param client the client
     */
    public CatalogClientMetrics(CatalogClient client) {
        this.client = client;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("catalog.client.revision", client, c -> c.status().revision())
                .description("The catalog revision the client holds")
                .register(registry);
        Gauge.builder("catalog.client.lag", client, c -> c.status().lag())
                .description("The followed node's revision minus the one the client holds")
                .register(registry);
        FunctionCounter.builder(
                        "catalog.client.reconnects", client, c -> c.status().reconnects())
                .description("Watch streams the client opened after its first one")
                .register(registry);
        FunctionCounter.builder("catalog.client.reports.sent", client, c -> c.status()
                        .reports()
                        .sent())
                .description("Tool outcomes the nodes accepted from this client")
                .register(registry);
        FunctionCounter.builder("catalog.client.reports.dropped", client, c -> c.status()
                        .reports()
                        .dropped())
                .description("Tool outcomes and apply failures the client let go (past its bounds, or refused)")
                .register(registry);
        FunctionCounter.builder("catalog.client.reports.failed-sends", client, c -> c.status()
                        .reports()
                        .failedSends())
                .description("Outcome reports that could not be sent")
                .register(registry);
    }
}
