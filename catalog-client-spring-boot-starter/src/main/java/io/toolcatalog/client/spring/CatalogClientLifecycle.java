package io.toolcatalog.client.spring;

import io.toolcatalog.client.CatalogClient;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the application's {@link CatalogClient} with the context, before the web server takes
 * traffic, and closes it when the context stops. Each change the client applies, its first state
 * included, is published as a {@link CatalogChangedEvent}: the listener is registered before
 * {@code start()}, so the first state is never missed.
 */
class CatalogClientLifecycle implements SmartLifecycle {

    /** Before the web server (which starts in a late phase), so requests find the catalog loaded. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private final CatalogClient client;
    private final ApplicationEventPublisher publisher;
    private volatile boolean running;

    CatalogClientLifecycle(CatalogClient client, ApplicationEventPublisher publisher) {
        this.client = client;
        this.publisher = publisher;
    }

    @Override
    public void start() {
        if (running) {
            return;
        }
        client.onChange(change -> publisher.publishEvent(new CatalogChangedEvent(client, change)));
        try {
            client.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the catalog client started", e);
        }
        running = true;
    }

    @Override
    public void stop() {
        client.close();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
