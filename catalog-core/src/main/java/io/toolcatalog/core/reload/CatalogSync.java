package io.toolcatalog.core.reload;

import io.toolcatalog.core.cluster.NodeIdentity;
import io.toolcatalog.core.tool.ChangeLog;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The node's own schedule: the startup load (retried until it succeeds), the revision poll, the
 * optional periodic full reload and the change log's pruning. Runs on an injected scheduler.
 */
public final class CatalogSync implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CatalogSync.class);

    private final CatalogReloader reloader;
    private final ChangeLog changeLog;
    private final ScheduledExecutorService scheduler;
    private final SyncProperties sync;
    private final ReloadProperties reload;
    private final NodeIdentity node;
    private final Clock clock;
    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
    private volatile boolean running;

    public CatalogSync(
            CatalogReloader reloader,
            ChangeLog changeLog,
            ScheduledExecutorService scheduler,
            SyncProperties sync,
            ReloadProperties reload,
            NodeIdentity node,
            Clock clock) {
        this.reloader = reloader;
        this.changeLog = changeLog;
        this.scheduler = scheduler;
        this.sync = sync;
        this.reload = reload;
        this.node = node;
        this.clock = clock;
    }

    /** Loads the first snapshot now when the database answers; otherwise keeps trying in the background. */
    @Override
    public synchronized void start() {
        running = true;
        if (!loadInitial()) {
            tasks.add(scheduler.scheduleWithFixedDelay(this::retryInitial, 1, 1, TimeUnit.SECONDS));
        }
        long poll = sync.pollInterval().toMillis();
        tasks.add(scheduler.scheduleWithFixedDelay(this::poll, poll, poll, TimeUnit.MILLISECONDS));
        if (reload.periodicRefresh()) {
            long every = reload.refreshInterval().toMillis();
            tasks.add(scheduler.scheduleWithFixedDelay(this::periodic, every, every, TimeUnit.MILLISECONDS));
        }
        tasks.add(scheduler.scheduleWithFixedDelay(this::prune, 1, 60, TimeUnit.MINUTES));
    }

    @Override
    public synchronized void stop() {
        running = false;
        tasks.forEach(t -> t.cancel(false));
        tasks.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server (which starts last) and the cluster adapters. */
    @Override
    public int getPhase() {
        return 0;
    }

    private boolean loadInitial() {
        ReloadEvent event = reloader.reload(ReloadRequest.of(ReloadTrigger.STARTUP, node.nodeId(), "Initial load"));
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
            reloader.verify(changeLog.currentRevision());
        } catch (RuntimeException e) {
            log.warn(
                    "Revision poll failed; serving revision {} since {}",
                    reloader.applied(),
                    reloader.lastVerifiedAt(),
                    e);
        }
    }

    private void periodic() {
        try {
            reloader.reload(ReloadRequest.of(ReloadTrigger.PERIODIC, node.nodeId(), "Periodic refresh"));
        } catch (RuntimeException e) {
            log.warn("Periodic refresh failed", e);
        }
    }

    private void prune() {
        try {
            int pruned = changeLog.pruneBefore(clock.instant().minus(sync.changeLogRetention()));
            if (pruned > 0) {
                log.info("Pruned {} change log entries older than {}", pruned, sync.changeLogRetention());
            }
        } catch (RuntimeException e) {
            log.warn("Change log pruning failed", e);
        }
    }

    /** How long since the snapshot was last verified against the database; null before the first load. */
    public Duration sinceLastVerified() {
        return reloader.lastVerifiedAt() == null ? null : Duration.between(reloader.lastVerifiedAt(), clock.instant());
    }
}
