package io.toolcatalog.core.reload;

import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.cluster.ReloadRequest;
import io.toolcatalog.core.concurrent.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The optional periodic full reload ({@code periodic-refresh}): everything read again every
 * {@code refresh-interval}, as a reload of this node's own. Runs on an injected scheduler, beside
 * {@link CatalogSync}.
 */
public final class PeriodicRefresh implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicRefresh.class);

    private final CatalogReloader reloader;
    private final Scheduler scheduler;
    private final ReloadProperties reload;
    private Scheduler.Cancellable task;
    private volatile boolean running;

    public PeriodicRefresh(CatalogReloader reloader, Scheduler scheduler, ReloadProperties reload) {
        this.reloader = reloader;
        this.scheduler = scheduler;
        this.reload = reload;
    }

    /** Schedules the refresh when it is on; off, it does nothing. */
    @Override
    public synchronized void start() {
        running = true;
        if (reload.periodicRefresh()) {
            task = scheduler.scheduleWithFixedDelay(this::refresh, reload.refreshInterval(), reload.refreshInterval());
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (task != null) {
            task.cancel();
            task = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** With {@link CatalogSync}: before the web server (which starts last) and the cluster adapters. */
    @Override
    public int getPhase() {
        return 0;
    }

    private void refresh() {
        try {
            reloader.reload(ReloadRequest.of(ReloadTrigger.PERIODIC, reloader.nodeId(), "Periodic refresh"));
        } catch (RuntimeException e) {
            log.warn("Periodic refresh failed", e);
        }
    }
}
