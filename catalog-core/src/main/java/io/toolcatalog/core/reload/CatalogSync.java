package io.toolcatalog.core.reload;

import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.cluster.ReloadRequest;
import io.toolcatalog.core.concurrent.Scheduler;
import io.toolcatalog.core.history.ReloadEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The node's own schedule: the startup load (retried until it succeeds), the revision poll and the
 * rarer digest check (content, not only the revision, equals the database's); the optional periodic
 * full reload is {@link PeriodicRefresh}'s. Runs on an injected scheduler.
 */
public final class CatalogSync implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CatalogSync.class);

    private final CatalogReloader reloader;
    private final Scheduler scheduler;
    private final SyncProperties sync;
    private final Runnable prepareDatabase;
    private final List<Scheduler.Cancellable> tasks = new ArrayList<>();
    private final PollFailures pollFailures = new PollFailures(log, Duration.ofMinutes(1), System::nanoTime);
    private volatile boolean running;

    /** With {@code prepareDatabase} (migrations) run before the first load, until it succeeds once. */
    public CatalogSync(CatalogReloader reloader, Scheduler scheduler, SyncProperties sync, Runnable prepareDatabase) {
        this.prepareDatabase = prepareDatabase;
        this.reloader = reloader;
        this.scheduler = scheduler;
        this.sync = sync;
    }

    /** Loads the first snapshot now when the database answers; otherwise keeps trying in the background. */
    @Override
    public synchronized void start() {
        running = true;
        if (!loadInitial()) {
            log.warn("First snapshot not loaded: not ready; retrying every second");
            tasks.add(
                    scheduler.scheduleWithFixedDelay(this::retryInitial, Duration.ofSeconds(1), Duration.ofSeconds(1)));
        }
        tasks.add(scheduler.scheduleWithFixedDelay(this::poll, sync.pollInterval(), sync.pollInterval()));
        tasks.add(scheduler.scheduleWithFixedDelay(
                this::checkDigest, sync.digestCheckInterval(), sync.digestCheckInterval()));
    }

    @Override
    public synchronized void stop() {
        running = false;
        tasks.forEach(Scheduler.Cancellable::cancel);
        tasks.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Revision polls that failed since start (the database did not answer). */
    public long pollFailures() {
        return pollFailures.total();
    }

    /** Before the web server (which starts last) and the cluster adapters. */
    @Override
    public int getPhase() {
        return 0;
    }

    private boolean loadInitial() {
        try {
            prepareDatabase.run();
        } catch (RuntimeException e) {
            log.warn("Database not ready for the first load: {}", e.getClass().getSimpleName());
            return false;
        }
        ReloadEvent event = reloader.reload(ReloadRequest.of(ReloadTrigger.STARTUP, reloader.nodeId(), "Initial load"));
        return event.success();
    }

    private void retryInitial() {
        if (!reloader.isLoaded() && loadInitial()) {
            log.info("First snapshot loaded at revision {}", reloader.applied());
        }
    }

    private void poll() {
        if (!reloader.isLoaded()) {
            return;
        }
        try {
            reloader.verify();
        } catch (RuntimeException e) {
            pollFailures.failed(e, reloader.applied());
            return;
        }
        pollFailures.succeeded();
    }

    private void checkDigest() {
        if (!reloader.isLoaded()) {
            return;
        }
        try {
            reloader.verifyDigest();
        } catch (RuntimeException e) {
            log.warn("Digest check failed ({}); serving revision {}", e.toString(), reloader.applied());
        }
    }
}
